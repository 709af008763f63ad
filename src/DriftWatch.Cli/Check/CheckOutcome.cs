using DriftWatch.Core.Evaluation;

namespace DriftWatch.Cli.Check;

/// <summary>A finished check: the verdict, the warnings met on the way, and how long each step took.</summary>
internal sealed record CheckOutcome(
    Verdict Verdict,
    string Region,
    IReadOnlyList<string> Warnings,
    TimeSpan Identity,
    TimeSpan Read,
    TimeSpan Total);
