using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace DriftWatch.Testing;

/// <summary>
/// A local HTTP endpoint standing in for the SOC's webhook (a handler on <see cref="LoopbackHttpServer"/>): keeps every
/// notice POSTed under its path with its signature and arrival time, and answers 204, or 503 while not accepting.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly List<Delivery> _seen = [];
    private readonly LoopbackHttpServer _server;

    /// <summary>Starts listening on a free loopback port, under a path that may hold a token as real webhook URLs do.</summary>
    /// <param name="path">The path notices are POSTed to; anything else is answered 404.</param>
    /// <param name="clock">Stamps <see cref="Delivery.ReceivedAt"/>; the system clock when null.</param>
    public WebhookReceiver(string path = "soc/hook", TimeProvider? clock = null)
    {
        _server = new LoopbackHttpServer(ReceiveAsync, clock, keepRequests: false);
        Url = new Uri(_server.Endpoint, path.Trim('/') + "/");
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

    /// <summary>Waits for a notice of the given type (and, when given, caused by that event), passing over others.</summary>
    public async Task<Delivery> WaitForAsync(string type, TimeSpan timeout, string? eventId = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var delivery = await _deliveries.Reader.ReadAsync(cts.Token);
                if (delivery.Type == type && (eventId is null || delivery.EventId == eventId))
                {
                    return delivery;
                }
            }
        }
        catch (OperationCanceledException)
        {
            var of = eventId is null ? "" : $" of event {eventId}";
            throw new TimeoutException($"no {type} notice{of} within {timeout.TotalSeconds} s; seen: {string.Join(", ", Seen.Select(d => d.Type))}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<LoopbackReply> ReceiveAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        var path = Url.AbsolutePath;
        if (request.Path != path.TrimEnd('/') && !request.Path.StartsWith(path, StringComparison.Ordinal))
        {
            return LoopbackReply.Empty(404);
        }

        if (!Accepting)
        {
            return LoopbackReply.Empty(503);
        }

        var body = request.Body;
        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("the body is not a JSON object");
        }
        catch (JsonException e)
        {
            return LoopbackReply.Text(400, e.Message);
        }

        var delivery = new Delivery(json, body, request.Header("X-DriftWatch-Signature"), request.ReceivedAt);
        lock (_seen)
        {
            _seen.Add(delivery);
        }

        await _deliveries.Writer.WriteAsync(delivery, cancellationToken);
        return LoopbackReply.Empty(204);
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
