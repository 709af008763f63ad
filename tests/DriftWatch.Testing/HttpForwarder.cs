using System.Net;

namespace DriftWatch.Testing;

/// <summary>
/// Passes a <see cref="LoopbackRequest"/> on to another server (moto) unchanged, so a proxy handler can stand in front
/// of it: the request target, headers and body as received (a SigV4 signature still holds), the answer as given.
/// </summary>
public sealed class HttpForwarder : IDisposable
{
    // Headers that describe one hop's connection, not the request; the next hop sets its own.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Expect", "Content-Length",
    };

    // Also set by the loopback server itself on every response.
    private static readonly HashSet<string> OwnResponseHeaders = new(StringComparer.OrdinalIgnoreCase) { "Server", "Date" };

    private readonly HttpClient _client;
    private readonly Uri _target;

    /// <summary>Forwards to <paramref name="target"/>; a request it does not answer within <paramref name="timeout"/> (60 s) is reset.</summary>
    public HttpForwarder(Uri target, TimeSpan? timeout = null)
    {
        _target = target;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>The target's answer, or <see cref="LoopbackReply.Reset"/> when it could not be reached or did not answer in time.</summary>
    public async Task<LoopbackReply> ForwardAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.PathAndQuery))
        {
            Content = new ByteArrayContent(request.Bytes),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (!HopHeaders.Contains(name) && !message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => !HopHeaders.Contains(h.Key) && !OwnResponseHeaders.Contains(h.Key))
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new LoopbackReply((int)response.StatusCode, body, Headers: headers);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return LoopbackReply.Reset;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
