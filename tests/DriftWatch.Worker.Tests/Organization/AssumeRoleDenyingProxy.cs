using System.Collections.Concurrent;
using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Organization;

/// <summary>
/// Stands between the worker and moto and answers STS AssumeRole into the listed accounts the way AWS does when a
/// member's role does not trust the worker (HTTP 403, AccessDenied); everything else is passed through. moto itself
/// lets anyone assume any role, so this is the only way to meet an account the worker cannot enter.
/// </summary>
public sealed class AssumeRoleDenyingProxy : IAsyncDisposable
{
    private readonly HttpForwarder _moto;
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, byte> _denied = new();
    private int _deniedCalls;

    /// <summary>Listens on a free loopback port and forwards to <paramref name="moto"/>.</summary>
    public AssumeRoleDenyingProxy(Uri moto)
    {
        _moto = new HttpForwarder(moto, TimeSpan.FromSeconds(30));
        _server = new LoopbackHttpServer(AnswerAsync, keepRequests: false);
    }

    /// <summary>Where the worker points DriftWatch:Aws:EndpointUrl.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>AssumeRole calls refused so far.</summary>
    public int DeniedCalls => Volatile.Read(ref _deniedCalls);

    /// <summary>Refuses every AssumeRole into the account from now on.</summary>
    public void Deny(string accountId) => _denied[accountId] = 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _moto.Dispose();
    }

    private Task<LoopbackReply> AnswerAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        var text = request.Body;
        if (text.Contains("Action=AssumeRole", StringComparison.Ordinal)
            && _denied.Keys.FirstOrDefault(a => text.Contains($"iam%3A%3A{a}%3Arole", StringComparison.Ordinal)) is { } account)
        {
            Interlocked.Increment(ref _deniedCalls);
            return Task.FromResult(LoopbackReply.Text(403, $"""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/driftwatch-worker/w is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{account}:role/DriftWatchReader</Message></Error><RequestId>denied-by-test-proxy</RequestId></ErrorResponse>
                """, "text/xml"));
        }

        return _moto.ForwardAsync(request, cancellationToken);
    }
}
