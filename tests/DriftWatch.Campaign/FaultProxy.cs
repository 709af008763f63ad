using DriftWatch.Testing;

namespace DriftWatch.Campaign;

/// <summary>
/// A loopback HTTP proxy between the workers and moto (a handler on <see cref="LoopbackHttpServer"/>). It forwards
/// everything, except: while throttling is on it answers a seeded share of CloudTrail calls with HTTP 400
/// ThrottlingException (what AWS sends), and during an outage it resets every connection, which for the workers is
/// moto (AWS) being down.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    // moto 5.2.1 rolls a failed TransactWriteItems back by restoring deep copies of the tables taken before it
    // started, erasing whatever other request threads wrote meanwhile (seen: a resolved incident whose state still
    // pointed at it). DynamoDB serialises writes to an item; the proxy restores that by letting one write through at
    // a time. Reads are not held.
    private static readonly HashSet<string> DynamoWrites = new(StringComparer.Ordinal)
    {
        "DynamoDB_20120810.TransactWriteItems", "DynamoDB_20120810.PutItem", "DynamoDB_20120810.UpdateItem",
        "DynamoDB_20120810.DeleteItem", "DynamoDB_20120810.BatchWriteItem",
    };

    private static readonly LoopbackReply Throttling = LoopbackReply.Text(
        400,
        """{"__type":"ThrottlingException","message":"Rate exceeded"}""",
        "application/x-amz-json-1.1",
        new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ThrottlingException" });

    private readonly SemaphoreSlim _dynamoWrites = new(1, 1);
    private readonly HttpForwarder _moto;
    private readonly LoopbackHttpServer _server;
    private readonly Random _random;
    private long _forwarded;
    private long _throttled;
    private long _cut;
    private long _cloudTrailCalls;

    /// <summary>Starts the proxy on a free loopback port in front of <paramref name="moto"/>.</summary>
    public FaultProxy(Uri moto, int seed)
    {
        _random = new Random(seed);
        _moto = new HttpForwarder(moto, TimeSpan.FromSeconds(60));
        _server = new LoopbackHttpServer(HandleAsync, keepRequests: false);
    }

    /// <summary>The proxy's URL: what the workers take for AWS.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>Share of CloudTrail calls throttled; 0 turns throttling off.</summary>
    public double ThrottleShare { get; set; }

    /// <summary>True while every connection is reset.</summary>
    public bool Down { get; set; }

    /// <summary>Requests passed to moto.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>CloudTrail calls seen (forwarded or throttled).</summary>
    public long CloudTrailCalls => Interlocked.Read(ref _cloudTrailCalls);

    /// <summary>CloudTrail calls answered with ThrottlingException.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Requests reset during an outage.</summary>
    public long Cut => Interlocked.Read(ref _cut);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _moto.Dispose();
        _dynamoWrites.Dispose();
    }

    private async Task<LoopbackReply> HandleAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            Interlocked.Increment(ref _cut);
            return LoopbackReply.Reset;
        }

        var target = request.Header("X-Amz-Target") ?? "";
        if (target.StartsWith("com.amazonaws.cloudtrail", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _cloudTrailCalls);
            if (ShouldThrottle())
            {
                Interlocked.Increment(ref _throttled);
                return Throttling;
            }
        }

        var serialised = DynamoWrites.Contains(target);
        if (serialised)
        {
            await _dynamoWrites.WaitAsync(cancellationToken);
        }

        LoopbackReply reply;
        try
        {
            reply = await _moto.ForwardAsync(request, cancellationToken);
        }
        finally
        {
            if (serialised)
            {
                _dynamoWrites.Release();
            }
        }

        if (!reply.IsReset)
        {
            Interlocked.Increment(ref _forwarded);
        }

        return reply;
    }

    private bool ShouldThrottle()
    {
        var share = ThrottleShare;
        if (share <= 0)
        {
            return false;
        }

        lock (_random)
        {
            return _random.NextDouble() < share;
        }
    }
}
