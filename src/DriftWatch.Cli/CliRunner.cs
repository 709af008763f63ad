using System.CommandLine;

namespace DriftWatch.Cli;

/// <summary>
/// Parses and invokes the root command. Parse errors exit 64 rather than System.CommandLine's 1, which would read as
/// "fail"; an unexpected exception exits 2 for the same reason.
/// </summary>
internal static class CliRunner
{
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
            // Ctrl+C cancels the token handed to the command; a command that ignores it is stopped after the timeout.
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(5),
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
