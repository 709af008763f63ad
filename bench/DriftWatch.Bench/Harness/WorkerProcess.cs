using DriftWatch.Cli.Watch;
using DriftWatch.Testing;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// A worker in a child process, so its memory is its own: either the published `DIR/driftwatch watch`, the binary a
/// deployment runs (<see cref="Watch"/>), or, when the bench was given no published CLI, this executable's `worker`
/// subcommand (<see cref="Start"/>), which is JIT-compiled with tiering on and so maps and jits more than the deployed
/// worker does. Both start with the runtime settings `driftwatch watch` hands its worker (<see cref="WorkerEnvironment"/>).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _ready;
    private readonly bool _stopsOnEndOfInput;

    private WorkerProcess(ChildProcess process, string ready, bool stopsOnEndOfInput, string kind)
    {
        _process = process;
        _ready = ready;
        _stopsOnEndOfInput = stopsOnEndOfInput;
        Kind = kind;
    }

    /// <summary>The child's PID.</summary>
    public int Pid => _process.Pid;

    /// <summary>Which program the worker is, for the report.</summary>
    public string Kind { get; }

    /// <summary>
    /// The bench's own worker against moto (it prints READY once started and stops at the end of its stdin, so it also
    /// ends when the bench dies); its stderr is echoed to the bench's.
    /// </summary>
    public static WorkerProcess Start(Uri moto, Uri? webhook, params string[] settings) => new(
        ChildProcess.Start(
            ChildCommand.ThisProgram(["worker", moto.ToString(), webhook?.ToString() ?? "-", .. settings]),
            new ChildProcessOptions
            {
                Environment = new Dictionary<string, string>(WorkerEnvironment.Missing(Environment.GetEnvironmentVariables()))
                {
                    ["AWS_ACCESS_KEY_ID"] = "testing",
                    ["AWS_SECRET_ACCESS_KEY"] = "testing",
                },
                KeepInputOpen = true,
                OnLine = EchoErrors,
            }),
        "READY",
        stopsOnEndOfInput: true,
        "the bench's own worker (JIT, tiered)");

    /// <summary>
    /// `<paramref name="cli"/> watch` against moto, with the bench worker's settings (<see cref="InProcessWorker"/>):
    /// no webhook, a 2 s long poll and the periodic sweep an hour out. `driftwatch watch` hands over to the published
    /// driftwatch-watch in the same process (execve), so the PID is the worker's. It is ready once it logs that it
    /// listens; it stops on SIGTERM, as under ECS or systemd.
    /// </summary>
    public static WorkerProcess Watch(string cli, Uri moto) => new(
        ChildProcess.Start(
            new ChildCommand(cli, ["watch"]),
            new ChildProcessOptions
            {
                Environment = new Dictionary<string, string>(WatchEnvironment(moto))
                {
                    ["DriftWatch__Queue__WaitTimeSeconds"] = "2",
                    ["DriftWatch__Sweep__Interval"] = "01:00:00",
                },
                OnLine = EchoErrors,
                Timeout = TimeSpan.FromHours(1),
            }),
        "Listening on queue",
        stopsOnEndOfInput: false,
        $"{Path.GetFileName(cli)} watch, as published");

    /// <summary>The environment a published `driftwatch watch` needs to run against moto, logging at Information.</summary>
    public static IReadOnlyDictionary<string, string> WatchEnvironment(Uri moto) => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = moto.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = StackDeployment.CentralRegion,
        ["DriftWatch__Aws__EndpointUrl"] = moto.ToString(),
        ["DriftWatch__Aws__Region"] = StackDeployment.CentralRegion,
        ["DriftWatch__Logging__Level"] = "Information",
    };

    /// <summary>Waits (bounded) until it is ready; returns the time from process start.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout) =>
        (await _process.WaitForLineAsync(_ready, timeout) ?? throw new TimeoutException($"the worker was not ready within {timeout.TotalSeconds} s:\n{_process.Output}")).At;

    /// <summary>Current and peak RSS in MB.</summary>
    public (double Rss, double Peak) Memory() => (Machine.MemoryMb(Pid, "VmRSS"), Machine.MemoryMb(Pid, "VmHWM"));

    /// <summary>Stops it as it expects (end of input, or SIGTERM), waits up to 20 s, then kills it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopsOnEndOfInput)
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
        }
        else
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
        }

        await _process.DisposeAsync();
    }

    // The published worker logs to stderr at every level; of its log lines only errors are echoed (its warnings are
    // the burst's unwatched regions' monitoring incidents, the same in both kinds of worker).
    private static void EchoErrors(ChildProcess process, ChildProcessLine line)
    {
        if (line.IsError && line.Text.Length > 0 && !line.Text.Contains(" INF ", StringComparison.Ordinal) && !line.Text.Contains(" WRN ", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"[worker {process.Pid}] {line.Text}");
        }
    }
}
