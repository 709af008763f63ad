namespace DriftWatch.Core.Evaluation;

/// <summary>Log delivery is failing: Since is the last successful attempt (null when unknown), Why the reported error.</summary>
public sealed record DeliveryProblem(string? Since, string Why)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"log delivery is failing{(Since is null ? "" : $" since {Since}")}: {Why}";
}
