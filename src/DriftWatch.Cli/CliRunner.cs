using System.CommandLine;

namespace DriftWatch.Cli;

/// <summary>
/// Parses and invokes the root command. Parse errors exit 64 rather than System.CommandLine's 1, which would read as
/// "fail"; an unexpected exception exits 2 for the same reason.
/// </summary>
internal static class CliRunner
{
    // A one-shot command honours its cancellation token; this only bounds one that does not.
    private static readonly TimeSpan OneShotStopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                StdErr.Error(error.Message);
            }

            StdErr.Line("Run 'driftwatch --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            // Ctrl+C and SIGTERM cancel the token handed to the command; a command still running after its grace is
            // abandoned with 130 (SIGINT) or 143 (SIGTERM).
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = parsed.CommandResult.Command is LongRunningCommand worker ? worker.StopGrace : OneShotStopGrace,
            });
        }
        catch (OperationCanceledException)
        {
            StdErr.Error("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception)
        {
            // The last line of defence: a crash must exit 2 (could not evaluate), never 1 (fail).
            StdErr.Error($"unexpected error: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.CouldNotEvaluate;
        }
    }
}
