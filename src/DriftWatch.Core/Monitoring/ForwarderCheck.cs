namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What reading a region's forwarder rule found: nothing wrong, the problems (each a sentence naming the rule and the
/// region) with the commands that fix them, or, when AWS did not answer, why it could not be checked. An unchecked
/// forwarder changes nothing: DriftWatch does not raise an alarm on a guess.
/// </summary>
public sealed record ForwarderCheck(IReadOnlyList<string> Problems, IReadOnlyList<string> Remediation, string? Error)
{
    /// <summary>The rule exists, is enabled, targets the central bus and carries every monitored call.</summary>
    public static ForwarderCheck Healthy { get; } = new([], [], null);

    /// <summary>True when AWS answered and nothing was wrong.</summary>
    public bool IsHealthy => Error is null && Problems.Count == 0;

    /// <summary>True when AWS answered (healthy or not).</summary>
    public bool IsVerified => Error is null;

    /// <summary>What is wrong, and how to fix it.</summary>
    public static ForwarderCheck Broken(IReadOnlyList<string> problems, IReadOnlyList<string> remediation) => new(problems, remediation, null);

    /// <summary>The rule could not be read.</summary>
    public static ForwarderCheck Unverified(string error) => new([], [], error);
}
