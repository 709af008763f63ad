using System.Diagnostics;

namespace DriftWatch.Aws.Http;

/// <summary>
/// One client span per call made through our signed clients (CloudTrail, EventBridge, STS, Security Hub, Organizations),
/// retries and the rate gate's wait included, tagged as OpenTelemetry names AWS calls (rpc.system aws-api, rpc.service,
/// rpc.method, cloud.region): a trace then shows which call of an evaluation took the time. Costs nothing while nobody
/// listens.
/// </summary>
public static class AwsCallTelemetry
{
    /// <summary>The ActivitySource name to subscribe to.</summary>
    public const string SourceName = "DriftWatch.Aws";

    /// <summary>The span's tag naming the operation (e.g. GetTrailStatus).</summary>
    public const string MethodTag = "rpc.method";

    /// <summary>The source every call span starts on.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the span of one call, or none when nobody listens.</summary>
    internal static Activity? Start(AwsService service, string operation, string region)
    {
        var span = Source.StartActivity($"{service.Name}.{operation}", ActivityKind.Client);
        span?.SetTag("rpc.system", "aws-api");
        span?.SetTag("rpc.service", service.Name);
        span?.SetTag(MethodTag, operation);
        span?.SetTag("cloud.region", region);
        return span;
    }
}
