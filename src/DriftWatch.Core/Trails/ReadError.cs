namespace DriftWatch.Core.Trails;

/// <summary>An AWS call that failed while reading an account: the verdict cannot rest on what it would have said.</summary>
public sealed record ReadError(string Operation, string Target, string Region, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Operation} {Target} in {Region}: {Code}: {Message}";
}
