using System.Collections.Concurrent;
using DriftWatch.Testing;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>
/// A loopback AWS endpoint (a handler on <see cref="LoopbackHttpServer"/>) that answers with scripted replies in order
/// (then 200 "{}") and records every request, so client behaviour (signing, retries, error parsing) is tested
/// without AWS or moto.
/// </summary>
public sealed class FakeAwsServer : IDisposable
{
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly LoopbackHttpServer _server;

    public FakeAwsServer() => _server = new LoopbackHttpServer(AnswerAsync);

    public Uri Endpoint => _server.Endpoint;

    public IReadOnlyList<LoopbackRequest> Requests => _server.Requests;

    /// <summary>A loopback URL nothing listens on: connections to it are refused.</summary>
    public static Uri ClosedEndpoint() => LoopbackPort.ClosedEndpoint();

    public FakeAwsServer Reply(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    public void Dispose() => _server.Dispose();

    private async Task<LoopbackReply> AnswerAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        var reply = _replies.TryDequeue(out var next) ? next : FakeReply.Ok();
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, cancellationToken);
        }

        return LoopbackReply.Text(reply.Status, reply.Body, reply.ContentType, reply.Headers);
    }
}
