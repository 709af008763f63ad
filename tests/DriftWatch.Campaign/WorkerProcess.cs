using DriftWatch.Testing;

namespace DriftWatch.Campaign;

/// <summary>
/// One worker of the campaign, incarnation after incarnation: each a <see cref="ChildProcess"/> running the real
/// pipeline host, its output kept line by line (in memory across incarnations, and in a log file per incarnation).
/// Killed with SIGKILL, stopped with SIGTERM, always by its own PID.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFolder;
    private readonly ChildCommand? _command;
    private readonly List<string> _earlier = [];
    private ChildProcess? _process;
    private StreamWriter? _log;

    /// <summary>
    /// Prepares (does not start) a worker: <paramref name="command"/> (e.g. the real `driftwatch watch`), or, when null,
    /// this program in worker mode.
    /// </summary>
    public WorkerProcess(string name, IReadOnlyDictionary<string, string> environment, string logFolder, ChildCommand? command = null)
    {
        _name = name;
        _environment = environment;
        _logFolder = logFolder;
        _command = command;
    }

    /// <summary>What runs: "driftwatch watch" or "campaign host".</summary>
    public string Kind => _command is null ? "campaign host (AddDriftWatchWorker)" : "driftwatch watch";

    /// <summary>Times this worker was started after the first.</summary>
    public int Restarts { get; private set; }

    /// <summary>Every line every incarnation wrote, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _earlier, .. _process?.Lines.Select(l => l.Text) ?? []];

    /// <summary>True while the current incarnation runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Starts an incarnation (the previous one, if any, has exited or been killed).</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            Restarts++;
            await _process.DisposeAsync();
            _earlier.AddRange(_process.Lines.Select(l => l.Text));
        }

        _log?.Dispose();
        var log = new StreamWriter(Path.Combine(_logFolder, $"{_name}-{Restarts}.log")) { AutoFlush = true };
        _log = log;
        _process = ChildProcess.Start(
            _command ?? ChildCommand.ThisProgram("worker"),
            new ChildProcessOptions { Environment = _environment, OnLine = (_, line) => log.WriteLine(line.Text) });
    }

    /// <summary>Waits until the current incarnation has logged a line containing <paramref name="text"/>.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout) =>
        _process is not null && await _process.WaitForLineAsync(text, timeout) is not null;

    /// <summary>SIGKILL: no shutdown, no cleanup, messages in flight stay invisible until their timeout.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>SIGTERM, then SIGKILL if it has not ended within <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => _process?.StopAsync(grace) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _log?.Dispose();
    }
}
