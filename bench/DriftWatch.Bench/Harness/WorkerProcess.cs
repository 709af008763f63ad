using System.Diagnostics;

namespace DriftWatch.Bench.Harness;

/// <summary>A worker in a child process (this executable's `worker` subcommand), so its memory is its own.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        Started = Stopwatch.GetTimestamp();
    }

    /// <summary>The child's PID.</summary>
    public int Pid => _process.Id;

    /// <summary>When the process was started (Stopwatch timestamp).</summary>
    public long Started { get; }

    /// <summary>Starts a worker against moto.</summary>
    public static WorkerProcess Start(Uri moto, Uri? webhook, params string[] settings)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "worker", moto.ToString(), webhook?.ToString() ?? "-" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        var process = Process.Start(start) ?? throw new InvalidOperationException("worker did not start");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Trim() == "READY")
            {
                worker._ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[worker {process.Id}] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits (bounded) for READY; returns the time from process start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        await _ready.Task.WaitAsync(timeout);
        return Stopwatch.GetElapsedTime(Started);
    }

    /// <summary>Current and peak RSS in MB.</summary>
    public (double Rss, double Peak) Memory() => (Machine.MemoryMb(Pid, "VmRSS"), Machine.MemoryMb(Pid, "VmHWM"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("stop");
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
