namespace DriftWatch.Core.Exceptions;

/// <summary>A line of an exceptions file that could not be read, and why.</summary>
public sealed record ExceptionsFileProblem(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
