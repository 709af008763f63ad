using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DriftWatch.Worker.Tests.Organization;

/// <summary>
/// Stands between the worker and moto and answers STS AssumeRole into the listed accounts the way AWS does when a
/// member's role does not trust the worker (HTTP 403, AccessDenied); everything else is passed through. moto itself
/// lets anyone assume any role, so this is the only way to meet an account the worker cannot enter.
/// </summary>
public sealed class AssumeRoleDenyingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _moto = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _target;
    private readonly ConcurrentDictionary<string, byte> _denied = new();
    private readonly Task _loop;
    private int _deniedCalls;

    /// <summary>Listens on a free loopback port and forwards to <paramref name="moto"/>.</summary>
    public AssumeRoleDenyingProxy(Uri moto)
    {
        _target = moto;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where the worker points DriftWatch:Aws:EndpointUrl.</summary>
    public Uri Endpoint { get; }

    /// <summary>AssumeRole calls refused so far.</summary>
    public int DeniedCalls => Volatile.Read(ref _deniedCalls);

    /// <summary>Refuses every AssumeRole into the account from now on.</summary>
    public void Deny(string accountId) => _denied[accountId] = 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _moto.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var text = Encoding.UTF8.GetString(body);
            if (text.Contains("Action=AssumeRole", StringComparison.Ordinal)
                && _denied.Keys.FirstOrDefault(a => text.Contains($"iam%3A%3A{a}%3Arole", StringComparison.Ordinal)) is { } account)
            {
                Interlocked.Increment(ref _deniedCalls);
                await WriteAsync(context.Response, 403, "text/xml", $"""
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/driftwatch-worker/w is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{account}:role/DriftWatchReader</Message></Error><RequestId>denied-by-test-proxy</RequestId></ErrorResponse>
                    """);
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl))
            {
                Content = new ByteArrayContent(body),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                var value = context.Request.Headers[name];
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!forward.Headers.TryAddWithoutValidation(name, value))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var reply = await _moto.SendAsync(forward);
            var replyBody = await reply.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)reply.StatusCode;
            foreach (var (name, values) in reply.Headers.Concat(reply.Content.Headers))
            {
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Server", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Date", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                context.Response.Headers[name] = string.Join(",", values);
            }

            context.Response.ContentLength64 = replyBody.Length;
            await context.Response.OutputStream.WriteAsync(replyBody);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or HttpRequestException)
        {
            context.Response.Abort();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
