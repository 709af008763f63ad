using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// A loopback OTLP/HTTP collector stand-in on <see cref="LoopbackHttpServer"/>: answers every POST 200 and keeps the
/// bodies by path (/v1/traces, /v1/metrics). Protobuf carries names as plain UTF-8, so a test can look for a span or
/// metric name in the bytes.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server = new(static (_, _) => Task.FromResult(LoopbackReply.Text(200, "", "application/x-protobuf")));

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>The paths posted to so far.</summary>
    public IReadOnlyList<string> Paths => _server.Requests.Select(r => r.Path).Distinct().ToList();

    /// <summary>True once some body posted to the path contains the text.</summary>
    public bool Saw(string path, string text) =>
        _server.Requests.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
