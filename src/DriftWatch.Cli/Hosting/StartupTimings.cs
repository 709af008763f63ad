using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Where a cold start spends its time, printed to stderr at exit when DRIFTWATCH_TIMINGS=1: process start to the
/// first managed code, to the start-up path, host build, settings validation, the command (its AWS calls, the verdict
/// and its output), exit. Off by default, and then it costs one environment read.
/// </summary>
internal static class StartupTimings
{
    /// <summary>The environment variable that turns the timings on.</summary>
    public const string Variable = "DRIFTWATCH_TIMINGS";

    private static readonly List<(string Phase, long At)> Marks = [];
    private static bool _enabled;

    /// <summary>Runs before Main: the first managed code of the process.</summary>
#pragma warning disable CA2255 // An executable's own start mark, not a library's initializer.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ManagedCodeStarted()
    {
        _enabled = Environment.GetEnvironmentVariable(Variable) == "1";
        if (_enabled)
        {
            Mark("runtime start -> managed code");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Print();
        }
    }

    /// <summary>Records that the phase ending now is done.</summary>
    public static void Mark(string phase)
    {
        if (_enabled)
        {
            Marks.Add((phase, Stopwatch.GetTimestamp()));
        }
    }

    private static void Print()
    {
        Mark("exit");
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        // This runs before the host (and its TimeProvider) exists and after it is gone: the system provider is the clock.
        var first = TimeProvider.System.GetUtcNow().UtcDateTime - Stopwatch.GetElapsedTime(Marks[0].At) - started;
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{Marks[0].Phase,-40} {first.TotalMilliseconds,8:0.0} ms") };
        for (var i = 1; i < Marks.Count; i++)
        {
            var ms = Stopwatch.GetElapsedTime(Marks[i - 1].At, Marks[i].At).TotalMilliseconds;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{Marks[i].Phase,-40} {ms,8:0.0} ms"));
        }

        var total = first + Stopwatch.GetElapsedTime(Marks[0].At, Marks[^1].At);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{"total (process start -> exit)",-40} {total.TotalMilliseconds,8:0.0} ms"));
        Console.Error.WriteLine("driftwatch timings:\n  " + string.Join("\n  ", lines));
    }
}
