using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DriftWatch.Testing;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// Stands between the worker and moto and counts every request by service and operation (the X-Amz-Target of the
/// JSON protocols, the Action of the query protocol), so the cost table rests on requests the worker really made.
/// Everything is passed through unchanged.
/// </summary>
public sealed partial class CountingProxy : IAsyncDisposable
{
    private readonly HttpForwarder _moto;
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>Listens on a free loopback port and forwards to <paramref name="moto"/>.</summary>
    public CountingProxy(Uri moto)
    {
        _moto = new HttpForwarder(moto, TimeSpan.FromSeconds(60));
        _server = new LoopbackHttpServer(AnswerAsync, keepRequests: false);
    }

    /// <summary>Where the worker points DriftWatch:Aws:EndpointUrl.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>Requests so far, by "Service.Operation".</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>Request body bytes so far, by "Service.Operation" (DynamoDB bills writes by item size).</summary>
    public IReadOnlyDictionary<string, long> Bytes => new Dictionary<string, long>(_bytes, StringComparer.Ordinal);

    /// <summary>Forgets the counts so far.</summary>
    public void Reset()
    {
        _counts.Clear();
        _bytes.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _moto.Dispose();
    }

    private Task<LoopbackReply> AnswerAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        var operation = Operation(request);
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        _bytes.AddOrUpdate(operation, request.Bytes.Length, (_, n) => n + request.Bytes.Length);
        return _moto.ForwardAsync(request, cancellationToken);
    }

    private static string Operation(LoopbackRequest request)
    {
        if (request.Header("X-Amz-Target") is { } target)
        {
            // e.g. DynamoDB_20120810.GetItem, AmazonSQS.ReceiveMessage, com.amazonaws...CloudTrail_20131101.GetTrailStatus
            var dot = target.LastIndexOf('.');
            var service = target[..dot];
            service = service[(service.LastIndexOf('.') + 1)..].Split('_')[0];
            return $"{service}.{target[(dot + 1)..]}";
        }

        var scope = request.Header("Authorization") is { } auth ? ScopeService().Match(auth) : Match.Empty;
        var action = ActionParameter().Match(request.Body + "&" + request.PathAndQuery);
        return $"{(scope.Success ? scope.Groups[1].Value : "unknown")}.{(action.Success ? action.Groups[1].Value : request.Method + " " + request.Path)}";
    }

    [GeneratedRegex(@"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/")]
    private static partial Regex ScopeService();

    [GeneratedRegex(@"(?:^|[&?])Action=([A-Za-z]+)")]
    private static partial Regex ActionParameter();
}
