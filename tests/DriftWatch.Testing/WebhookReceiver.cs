using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace DriftWatch.Testing;

/// <summary>A local HTTP endpoint standing in for the SOC's webhook: records every POST with its headers.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly List<Delivery> _seen = [];
    private readonly Task _loop;

    /// <summary>Starts listening on a free loopback port, under a path that may hold a token as real webhook URLs do.</summary>
    public WebhookReceiver(string path = "soc/hook")
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/{path.Trim('/')}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where the worker POSTs.</summary>
    public Uri Url { get; }

    /// <summary>When false, the receiver answers 503 (a SOC endpoint that is down).</summary>
    public bool Accepting { get; set; } = true;

    /// <summary>Every notice received so far.</summary>
    public IReadOnlyList<Delivery> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    /// <summary>The next notice of any type, or null when none came within the timeout.</summary>
    public async Task<Delivery?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _deliveries.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Forgets notices not yet waited for.</summary>
    public void Drain()
    {
        while (_deliveries.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits for a notice of the given type.</summary>
    public async Task<Delivery> WaitForAsync(string type, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var delivery = await _deliveries.Reader.ReadAsync(cts.Token);
                if (delivery.Type == type)
                {
                    return delivery;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {type} notice within {timeout.TotalSeconds} s; seen: {string.Join(", ", Seen.Select(d => d.Type))}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var receivedAt = DateTimeOffset.UtcNow;
            if (Accepting)
            {
                var delivery = new Delivery(JsonNode.Parse(body)!.AsObject(), body, context.Request.Headers["X-DriftWatch-Signature"], receivedAt);
                lock (_seen)
                {
                    _seen.Add(delivery);
                }

                await _deliveries.Writer.WriteAsync(delivery);
                context.Response.StatusCode = 204;
            }
            else
            {
                context.Response.StatusCode = 503;
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One POST: the parsed body, the raw body, the signature header, and when its body had been read.</summary>
    public sealed record Delivery(JsonObject Json, string Body, string? Signature, DateTimeOffset ReceivedAt)
    {
        /// <summary>incident.opened, incident.resolved or monitoring.blind.</summary>
        public string Type => Json["type"]!.GetValue<string>();

        /// <summary>The CloudTrail event the notice names as its cause, if any.</summary>
        public string? EventId => (string?)Json["cause"]?["eventId"];
    }
}
