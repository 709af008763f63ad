using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// A loopback proxy between a worker and moto (a handler on <see cref="LoopbackHttpServer"/> over
/// <see cref="HttpForwarder"/>) that can take AWS away (every connection reset, as when the network or the endpoint is
/// gone) and slow CloudTrail down (each call held before it is forwarded), and counts the CloudTrail calls it saw.
/// </summary>
public sealed class AwsGate : IAsyncDisposable
{
    private readonly HttpForwarder _moto;
    private readonly LoopbackHttpServer _server;
    private long _cloudTrailCalls;

    private AwsGate(Uri moto)
    {
        _moto = new HttpForwarder(moto);
        _server = new LoopbackHttpServer(AnswerAsync, keepRequests: false);
    }

    /// <summary>What the worker takes for AWS.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>While true, every request's connection is reset.</summary>
    public bool Down { get; set; }

    /// <summary>How long each CloudTrail call is held before it goes to moto.</summary>
    public TimeSpan CloudTrailDelay { get; set; }

    /// <summary>CloudTrail calls that arrived (held or not).</summary>
    public long CloudTrailCalls => Interlocked.Read(ref _cloudTrailCalls);

    /// <summary>Starts the gate on a free loopback port in front of moto.</summary>
    public static AwsGate Start(Uri moto) => new(moto);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _moto.Dispose();
    }

    private async Task<LoopbackReply> AnswerAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            return LoopbackReply.Reset;
        }

        if (request.Header("X-Amz-Target")?.StartsWith("com.amazonaws.cloudtrail", StringComparison.OrdinalIgnoreCase) == true)
        {
            Interlocked.Increment(ref _cloudTrailCalls);
            await Task.Delay(CloudTrailDelay, cancellationToken);
        }

        // Taken away while this call was held or forwarded: it fails like the rest.
        var reply = await _moto.ForwardAsync(request, cancellationToken);
        return Down ? LoopbackReply.Reset : reply;
    }
}
