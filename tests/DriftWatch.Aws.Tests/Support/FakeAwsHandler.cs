using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>
/// The HTTP handler under DriftWatch's AWS clients in unit tests: answers with scripted replies in order (then 200
/// "{}") and records every request, so signing, retries and error parsing are tested without sockets, AWS or moto.
/// </summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    /// <summary>Every request so far, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Queues replies, answered in order.</summary>
    public FakeAwsHandler Reply(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Waits (in real time, briefly) until the next request has arrived.</summary>
    public async Task NextRequestAsync()
    {
        if (!await _arrivals.WaitAsync(Patience))
        {
            throw new TimeoutException($"no request arrived within {Patience}; {_requests.Count} so far");
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.NonValidated.Concat(request.Content?.Headers.NonValidated ?? [])
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        var reply = _replies.TryDequeue(out var next) ? next : FakeReply.Ok();
        _arrivals.Release();

        if (reply.Refused)
        {
            throw new HttpRequestException("Connection refused (fake)");
        }

        if (reply.Hangs)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        var response = new HttpResponseMessage((HttpStatusCode)reply.Status)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(reply.Body)),
            RequestMessage = request,
        };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(reply.ContentType);
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _arrivals.Dispose();
        }

        base.Dispose(disposing);
    }
}
