using System.ComponentModel;
using System.Diagnostics;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// `driftwatch watch` in the Native AOT binary: runs the worker executable beside it with the same arguments, and this
/// process's environment with the worker's runtime settings added (<see cref="WorkerEnvironment"/>). On Linux the
/// process becomes the worker (execve), so PID, signals, streams and exit code are the worker's own; elsewhere the
/// worker is a child whose exit code is returned.
/// </summary>
internal static class WorkerHandOver
{
    /// <summary>
    /// Runs the worker executable found in <paramref name="directory"/> with <paramref name="arguments"/> ("watch",
    /// settings…); without one there, says so and exits 2: `watch` must never look as if it ran.
    /// </summary>
    /// <param name="directory">Where this executable is (<c>AppContext.BaseDirectory</c>).</param>
    /// <param name="arguments">This process's own arguments, passed on unchanged.</param>
    /// <param name="fileExists">File.Exists, or a stand-in for tests.</param>
    public static async Task<int> RunAsync(string directory, IReadOnlyList<string> arguments, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(fileExists);
        var path = Path.Combine(directory, WorkerExecutable.FileName);
        if (!fileExists(path))
        {
            StdErr.Error(
                $"`watch` runs {WorkerExecutable.FileName} beside this executable, and {path} is missing: "
                + "copy the whole publish directory, not driftwatch alone");
            return ExitCodes.CouldNotEvaluate;
        }

        try
        {
            if (OperatingSystem.IsLinux())
            {
                ProcessImage.Replace(path, arguments, WorkerEnvironment.For(Environment.GetEnvironmentVariables()));
            }

            return await AsChildAsync(path, arguments);
        }
        catch (Win32Exception exception)
        {
            StdErr.Error($"could not start the worker {path}: {exception.Message}");
            return ExitCodes.CouldNotEvaluate;
        }
    }

    private static async Task<int> AsChildAsync(string path, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in WorkerEnvironment.Missing(Environment.GetEnvironmentVariables()))
        {
            start.Environment[name] = value;
        }

        using var worker = Process.Start(start) ?? throw new Win32Exception($"{path} did not start");

        // Not cancelled with this process's token: Ctrl+C reaches the child from the console as well, and the child
        // decides how long its drain takes and what it exits with.
        await worker.WaitForExitAsync();
        return worker.ExitCode;
    }
}
