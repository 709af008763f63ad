namespace DriftWatch.Worker.Health;

/// <summary>
/// The answer of /healthz or /readyz: a status word, what is wrong (empty when nothing), and the ages behind the
/// verdict. Names of failing parts and exception types only: never a message, which may quote a URL.
/// </summary>
public sealed record HealthReport(
    bool Ok,
    string Status,
    IReadOnlyList<string> Problems,
    double? LastReceiveSecondsAgo,
    IReadOnlyDictionary<string, string>? Services = null);
