using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// A loopback OTLP/HTTP collector stand-in: answers every POST 200 and keeps the bodies by path (/v1/traces,
/// /v1/metrics). Protobuf carries names as plain UTF-8, so a test can look for a span or metric name in the bytes.
/// Small on purpose, like <see cref="AwsGate"/>: it can move to DriftWatch.Testing with the other loopback servers.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, string Body)> _received = [];
    private readonly Task _serving;

    public OtlpReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public Uri Endpoint { get; }

    /// <summary>True once some body posted to the path contains the text.</summary>
    public bool Saw(string path, string text)
    {
        lock (_received)
        {
            return _received.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The paths posted to so far.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_received)
            {
                return _received.Select(r => r.Path).Distinct().ToList();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
