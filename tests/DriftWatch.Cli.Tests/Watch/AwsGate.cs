using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// A loopback HTTP proxy between a worker and moto that can take AWS away (every connection reset, as when the
/// network or the endpoint is gone) and slow CloudTrail down (each call held before it is forwarded), and counts the
/// CloudTrail calls it saw. Small on purpose: the loopback servers of the tests are being gathered into
/// DriftWatch.Testing, and this one can move there with them (the campaign's FaultProxy does the same on Kestrel).
/// </summary>
public sealed class AwsGate : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Expect", "Content-Length",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _moto = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _target;
    private readonly Task _serving;
    private long _cloudTrailCalls;

    private AwsGate(Uri target, int port)
    {
        _target = target;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>What the worker takes for AWS.</summary>
    public Uri Endpoint { get; }

    /// <summary>While true, every request's connection is reset.</summary>
    public bool Down { get; set; }

    /// <summary>How long each CloudTrail call is held before it goes to moto.</summary>
    public TimeSpan CloudTrailDelay { get; set; }

    /// <summary>CloudTrail calls that arrived (held or not).</summary>
    public long CloudTrailCalls => Interlocked.Read(ref _cloudTrailCalls);

    /// <summary>Starts the gate on a free loopback port in front of moto.</summary>
    public static AwsGate Start(Uri moto)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new AwsGate(moto, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
        _moto.Dispose();
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

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            if (Down)
            {
                context.Response.Abort();
                return;
            }

            if (context.Request.Headers["X-Amz-Target"]?.StartsWith("com.amazonaws.cloudtrail", StringComparison.OrdinalIgnoreCase) == true)
            {
                Interlocked.Increment(ref _cloudTrailCalls);
                await Task.Delay(CloudTrailDelay);
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !HopHeaders.Contains(n)))
            {
                var values = context.Request.Headers.GetValues(name) ?? [];
                if (!request.Headers.TryAddWithoutValidation(name, values))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            using var response = await _moto.SendAsync(request);
            if (Down)
            {
                context.Response.Abort();
                return;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
            {
                context.Response.Headers[name] = string.Join(',', values);
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }
}
