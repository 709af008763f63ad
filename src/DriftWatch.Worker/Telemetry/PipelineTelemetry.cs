using System.Diagnostics;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// Per-stage spans of the worker (message, evaluate, state read, trail read, commit, notify) on one ActivitySource, so
/// OpenTelemetry, dotnet-trace or a benchmark can see where the seconds go. Costs nothing while nobody listens.
/// </summary>
public static class PipelineTelemetry
{
    /// <summary>The ActivitySource name to subscribe to.</summary>
    public const string SourceName = "DriftWatch.Pipeline";

    /// <summary>One SQS message, from receipt to its deletion or release.</summary>
    public const string Message = "driftwatch.message";

    /// <summary>One evaluation of an account, commit retries included.</summary>
    public const string Evaluate = "driftwatch.evaluate";

    /// <summary>Reading the recorded state (DynamoDB).</summary>
    public const string StateRead = "driftwatch.state.read";

    /// <summary>Reading the account's trails back (CloudTrail API calls).</summary>
    public const string TrailsRead = "driftwatch.trails.read";

    /// <summary>The conditional commit of state, transition and incident (DynamoDB).</summary>
    public const string Commit = "driftwatch.commit";

    /// <summary>Handing a notice to the incident sinks (webhook).</summary>
    public const string Notify = "driftwatch.notify";

    /// <summary>The source every span above starts on.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
