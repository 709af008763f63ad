using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Testing;

/// <summary>
/// A moto server for a test run. Uses DRIFTWATCH_MOTO_URL when CI already started one; otherwise starts
/// `moto_server` on a free loopback port and ends it (by its process) on dispose.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process? _process;

    private MotoServer(Uri endpoint, Process? process)
    {
        Endpoint = endpoint;
        _process = process;
    }

    /// <summary>The base URL every AWS client in the test points at.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts (or attaches to) moto and waits until it answers.</summary>
    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var existing = Environment.GetEnvironmentVariable("DRIFTWATCH_MOTO_URL");
        if (!string.IsNullOrWhiteSpace(existing))
        {
            var attached = new MotoServer(new Uri(existing.TrimEnd('/') + "/"), null);
            await attached.WaitUntilReadyAsync(cancellationToken);
            return attached;
        }

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start: is moto installed (see .ci/run)?");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(new Uri($"http://127.0.0.1:{port}/"), process);
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>Forgets every resource in every account and region: each test starts from an empty cloud.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(Endpoint, "moto-api/"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
            }

            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before answering");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
