using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>A local HTTP endpoint standing in for the SOC's webhook: keeps every body POSTed to it.</summary>
public sealed class SocWebhook : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly Task _loop;

    /// <summary>Listens on a free loopback port under a path holding a token, as real webhook URLs often do.</summary>
    public SocWebhook(string pathToken)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/{pathToken}/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where the worker POSTs.</summary>
    public Uri Url { get; }

    /// <summary>Bodies received so far.</summary>
    public IReadOnlyList<string> Bodies => _bodies.ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                _bodies.Enqueue(await reader.ReadToEndAsync());
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
