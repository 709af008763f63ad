using System.CommandLine;
using System.Runtime.CompilerServices;
using DriftWatch.Cli.Watch;
using DriftWatch.Worker.Shutdown;

namespace DriftWatch.Cli.Commands;

/// <summary>`driftwatch watch`: runs the real-time worker until Ctrl+C or SIGTERM.</summary>
internal static class WatchCommand
{
    /// <summary>Builds the command. Settings come from the environment or as --Section:Key=value arguments.</summary>
    public static Command Create()
    {
        // The grace outlasts the longest DriftWatch:Shutdown:Timeout, so the host, not the runner, decides when to give up.
        var command = new LongRunningCommand(
            "watch",
            "Run the worker: consume CloudTrail change events, sweep periodically, record drift, raise incidents. "
            + "Settings: environment (DriftWatch__Queue__Name, DriftWatch__Sweep__Interval, DriftWatch__Incidents__Webhook__Url, ...) "
            + "or --DriftWatch:Sweep:Interval=00:01:00 arguments.",
            ShutdownOptions.MaxTimeout + TimeSpan.FromSeconds(5))
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        // Under Native AOT this is the constant false: the compiler drops the branch and, with it, the worker
        // (MassTransit, which builds its consumers by reflection) from the binary. The published driftwatch hands over
        // to the JIT build beside it instead; build output, tests and that sibling run the worker here.
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return WatchExecution.RunAsync(parsed.UnmatchedTokens, cancellationToken);
        }

        return WorkerHandOver.RunAsync(AppContext.BaseDirectory, Environment.GetCommandLineArgs()[1..], File.Exists);
    }
}
