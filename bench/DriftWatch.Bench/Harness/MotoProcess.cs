using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Bench.Harness;

/// <summary>moto_server on a free loopback port, owned by the bench (its PID is read for memory and ended on dispose).</summary>
public sealed class MotoProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;

    private MotoProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>Base URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>moto's PID.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts moto and waits (at most 30 s) until it answers.</summary>
    public static async Task<MotoProcess> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(moto.Endpoint, "moto-api/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return moto;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await moto.DisposeAsync();
        throw new InvalidOperationException("moto_server did not answer within 30 s");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
