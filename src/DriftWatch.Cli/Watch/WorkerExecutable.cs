namespace DriftWatch.Cli.Watch;

/// <summary>
/// The worker's executable: the same program as `driftwatch`, published JIT/ReadyToRun under another name into the same
/// directory by DriftWatch.Cli.csproj's PublishWorker target. Keep the two names in step.
/// </summary>
internal static class WorkerExecutable
{
    /// <summary>The assembly name the PublishWorker target gives the worker build.</summary>
    public const string AssemblyName = "driftwatch-watch";

    /// <summary>The file name of its apphost on this OS.</summary>
    public static string FileName => OperatingSystem.IsWindows() ? AssemblyName + ".exe" : AssemblyName;
}
