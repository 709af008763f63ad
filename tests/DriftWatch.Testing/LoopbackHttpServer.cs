using System.Collections.Concurrent;
using System.Net;

namespace DriftWatch.Testing;

/// <summary>
/// An HTTP server on 127.0.0.1 and a free port for a test, a bench or the campaign: every request is read whole,
/// stamped with its arrival time, kept (unless told not to) and answered by the handler, several at a time.
/// The webhook receiver, the fake AWS endpoint and the proxies in front of moto are handlers on it.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable, IDisposable
{
    private const int BindAttempts = 10;

    private readonly HttpListener _listener;
    private readonly LoopbackHandler _handler;
    private readonly TimeProvider _clock;
    private readonly bool _keepRequests;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, byte> _answering = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    /// <summary>Starts listening at once.</summary>
    /// <param name="handler">Answers each request.</param>
    /// <param name="clock">Stamps <see cref="LoopbackRequest.ReceivedAt"/>; the system clock when null.</param>
    /// <param name="keepRequests">
    /// False for a long-lived proxy, whose thousands of requests nobody reads back: <see cref="Requests"/> stays empty.
    /// </param>
    public LoopbackHttpServer(LoopbackHandler handler, TimeProvider? clock = null, bool keepRequests = true)
    {
        _handler = handler;
        _clock = clock ?? TimeProvider.System;
        _keepRequests = keepRequests;
        (_listener, Endpoint) = Bind();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    /// <summary>Stops listening and drops the requests being answered, without waiting for their handlers.</summary>
    public void Dispose()
    {
        Stop();
        _stopping.Dispose();
    }

    /// <summary>Stops listening, cancels the handlers and waits (briefly) until they have returned.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_answering.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    // HttpListener needs its port up front; another process may take the probed port first, so try a few.
    private static (HttpListener Listener, Uri Endpoint) Bind()
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return (listener, endpoint);
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                listener.Close();
            }
        }
    }

    private void Stop()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            _listener.Close();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
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

            var answer = Task.Run(() => AnswerAsync(context));
            _answering[answer] = 0;
            _ = answer.ContinueWith(done => _answering.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var request = await ReadAsync(context.Request);
            if (_keepRequests)
            {
                _requests.Enqueue(request);
            }

            LoopbackReply reply;
            try
            {
                reply = await _handler(request, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                reply = LoopbackReply.Reset;
            }
            catch (Exception e)
            {
                // A broken handler answers 500 with its error, so the test that meets it sees why.
                reply = LoopbackReply.Text(500, $"{e.GetType().Name}: {e.Message}");
            }

            await WriteAsync(context.Response, reply);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client gave up (timeout, cancellation) or the server is stopping: nothing to answer.
            context.Response.Abort();
        }
    }

    private async Task<LoopbackRequest> ReadAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body, _stopping.Token);
        var headers = request.Headers.AllKeys.OfType<string>()
            .ToDictionary(name => name, name => request.Headers[name] ?? "", StringComparer.OrdinalIgnoreCase);
        return new LoopbackRequest(request.HttpMethod, request.RawUrl ?? "/", headers, body.ToArray(), _clock.GetUtcNow());
    }

    private async Task WriteAsync(HttpListenerResponse response, LoopbackReply reply)
    {
        if (reply.IsReset)
        {
            response.Abort();
            return;
        }

        response.StatusCode = reply.Status;
        if (reply.ContentType is { } contentType)
        {
            response.ContentType = contentType;
        }

        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        response.ContentLength64 = reply.Bytes.Length;
        await response.OutputStream.WriteAsync(reply.Bytes, _stopping.Token);
        response.Close();
    }
}
