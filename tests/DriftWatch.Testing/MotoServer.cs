using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace DriftWatch.Testing;

/// <summary>
/// A moto server for a test run, the bench or the campaign: moto on a free loopback port (a <see cref="ChildProcess"/>),
/// waited for until it answers, ended by its PID on dispose. It runs through emulator/moto_server.py, which keeps
/// moto from undoing committed DynamoDB writes when a concurrent transaction is cancelled (see emulator/README.md).
/// Tests attach instead to the one CI started when DRIFTWATCH_MOTO_URL is set.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private const int LogLines = 200;
    private static readonly TimeSpan Readiness = TimeSpan.FromSeconds(30);
    private static readonly string Script = System.IO.Path.Combine(RepositoryRoot.Path, "emulator", "moto_server.py");
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ChildProcess? _process;
    private readonly ConcurrentQueue<string> _log;

    private MotoServer(Uri endpoint, ChildProcess? process, ConcurrentQueue<string> log)
    {
        Endpoint = endpoint;
        _process = process;
        _log = log;
    }

    /// <summary>The base URL every AWS client points at.</summary>
    public Uri Endpoint { get; }

    /// <summary>moto's PID (for its memory); null when attached to a moto this did not start.</summary>
    public int? Pid => _process?.Pid;

    /// <summary>moto's last lines of output (one per request it served, and its errors), oldest first.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Attaches to DRIFTWATCH_MOTO_URL when set, otherwise launches moto; waits until it answers.</summary>
    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var existing = Environment.GetEnvironmentVariable("DRIFTWATCH_MOTO_URL");
        if (string.IsNullOrWhiteSpace(existing))
        {
            return await LaunchAsync(cancellationToken);
        }

        var attached = new MotoServer(new Uri(existing.TrimEnd('/') + "/"), null, new ConcurrentQueue<string>());
        await attached.WaitUntilReadyAsync(cancellationToken);
        return attached;
    }

    /// <summary>Starts a moto of its own on a free loopback port (whatever DRIFTWATCH_MOTO_URL says) and waits until it answers.</summary>
    public static async Task<MotoServer> LaunchAsync(CancellationToken cancellationToken = default)
    {
        var port = LoopbackPort.Free();
        var log = new ConcurrentQueue<string>();
        var process = ChildProcess.Start(
            new ChildCommand("python3", [Script, "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)]),
            new ChildProcessOptions { KeepOutput = false, OnLine = (_, line) => Keep(log, line.Text) });
        var server = new MotoServer(new Uri($"http://127.0.0.1:{port}/"), process, log);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
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
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static void Keep(ConcurrentQueue<string> log, string line)
    {
        log.Enqueue(line);
        while (log.Count > LogLines && log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Readiness);
        try
        {
            while (true)
            {
                if (_process is { HasExited: true })
                {
                    throw new InvalidOperationException(
                        $"moto exited with code {_process.ExitCode} before answering:\n{string.Join('\n', Log)}");
                }

                try
                {
                    using var response = await Http.GetAsync(new Uri(Endpoint, "moto-api/"), deadline.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(100, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"moto at {Endpoint} did not answer within {Readiness.TotalSeconds} s:\n{string.Join('\n', Log)}");
        }
    }
}
