namespace DriftWatch.Core.Evaluation;

/// <summary>One thing that keeps a trail's logs from being delivered; Why names the bucket or key and what is wrong.</summary>
public sealed record DestinationProblem(DestinationProblemKind Kind, string Why)
{
    /// <inheritdoc />
    public override string ToString() => Why;
}
