using System.Diagnostics;

namespace DriftWatch.Campaign;

/// <summary>
/// One worker: a separate OS process running the real pipeline host, its output kept line by line (in memory and in
/// a log file per incarnation). Killed with SIGKILL, stopped with SIGTERM, always by its own PID.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFolder;
    private readonly List<string> _lines = [];
    private Process? _process;
    private StreamWriter? _log;

    private readonly IReadOnlyList<string>? _command;

    /// <summary>
    /// Prepares (does not start) a worker: <paramref name="command"/> (e.g. the real `driftwatch watch`), or, when null,
    /// this program in worker mode.
    /// </summary>
    public WorkerProcess(string name, IReadOnlyDictionary<string, string> environment, string logFolder, IReadOnlyList<string>? command = null)
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
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    /// <summary>True while the current incarnation runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Starts an incarnation: this same program in worker mode.</summary>
    public void Start()
    {
        if (_process is not null)
        {
            Restarts++;
        }

        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(_command?[0] ?? self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_command is not null)
        {
            foreach (var argument in _command.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
            }

            start.ArgumentList.Add("worker");
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _log?.Dispose();
        _log = new StreamWriter(Path.Combine(_logFolder, $"{_name}-{Restarts}.log")) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_name}");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the current incarnation has logged a line containing <paramref name="text"/>.</summary>
    public async Task<bool> WaitForLineAsync(string text, int fromLine, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var lines = Lines;
            for (var i = fromLine; i < lines.Count; i++)
            {
                if (lines[i].Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, messages in flight stay invisible until their timeout.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not ended within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process?.Dispose();
        _log?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            _log?.WriteLine(line);
        }
    }
}
