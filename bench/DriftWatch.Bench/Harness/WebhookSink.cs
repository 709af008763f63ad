using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace DriftWatch.Bench.Harness;

/// <summary>The SOC's webhook on loopback: stamps each POST the moment its body has been read, answers 204.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly Task _loop;

    /// <summary>Listens on a free loopback port.</summary>
    public WebhookSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/soc/hook/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where the worker POSTs.</summary>
    public Uri Url { get; }

    /// <summary>Number of POSTs received.</summary>
    public int Count { get; private set; }

    /// <summary>The next delivery, or null after the timeout.</summary>
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

    /// <summary>Drops deliveries not yet read.</summary>
    public void Drain()
    {
        while (_deliveries.Reader.TryRead(out _))
        {
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
            var at = DateTimeOffset.UtcNow;
            context.Response.StatusCode = 204;
            context.Response.Close();
            Count++;
            var json = JsonNode.Parse(body)!.AsObject();
            await _deliveries.Writer.WriteAsync(new Delivery(at, (string?)json["type"] ?? "", (string?)json["cause"]?["eventId"]));
        }
    }

    /// <summary>One POST: when it arrived, its notice type and the event that caused it.</summary>
    public sealed record Delivery(DateTimeOffset At, string Type, string? EventId);
}
