using DriftWatch.Cli.Watch;
using DriftWatch.Testing;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// A worker in a child process (this executable's `worker` subcommand, a <see cref="ChildProcess"/>), so its memory is
/// its own. It starts with the runtime settings `driftwatch watch` hands its worker (<see cref="WorkerEnvironment"/>),
/// so its RSS is the deployed worker's, not the GC's default young generation. It prints READY once started and stops
/// at the end of its stdin, so it also ends when the bench dies.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process) => _process = process;

    /// <summary>The child's PID.</summary>
    public int Pid => _process.Pid;

    /// <summary>Starts a worker against moto; its stderr is echoed to the bench's.</summary>
    public static WorkerProcess Start(Uri moto, Uri? webhook, params string[] settings) => new(ChildProcess.Start(
        ChildCommand.ThisProgram(["worker", moto.ToString(), webhook?.ToString() ?? "-", .. settings]),
        new ChildProcessOptions
        {
            Environment = new Dictionary<string, string>(WorkerEnvironment.Missing(Environment.GetEnvironmentVariables()))
            {
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
            },
            KeepInputOpen = true,
            OnLine = (process, line) =>
            {
                if (line.IsError && line.Text.Length > 0)
                {
                    Console.Error.WriteLine($"[worker {process.Pid}] {line.Text}");
                }
            },
        }));

    /// <summary>Waits (bounded) for READY; returns the time from process start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout) =>
        (await _process.WaitForLineAsync("READY", timeout) ?? throw new TimeoutException($"the worker was not ready within {timeout.TotalSeconds} s:\n{_process.Output}")).At;

    /// <summary>Current and peak RSS in MB.</summary>
    public (double Rss, double Peak) Memory() => (Machine.MemoryMb(Pid, "VmRSS"), Machine.MemoryMb(Pid, "VmHWM"));

    /// <summary>Ends its input (the worker's stop), waits up to 20 s for it to stop, then kills it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.CloseInput();
        }
        catch (IOException)
        {
            // It had already gone.
        }

        await _process.WaitForExitAsync(TimeSpan.FromSeconds(20));
        await _process.DisposeAsync();
    }
}
