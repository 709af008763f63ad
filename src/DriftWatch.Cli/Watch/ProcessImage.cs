using System.ComponentModel;
using System.Runtime.InteropServices;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// execve(2): replaces this process with another program. The worker then keeps this process's PID, signals (systemd's
/// and Docker's SIGTERM reach it directly), standard streams and exit code, as if it had been started itself.
/// </summary>
internal static partial class ProcessImage
{
    /// <summary>
    /// Replaces the process with <paramref name="environment"/> (NAME=VALUE each) as its environment; returns only by
    /// throwing, when the kernel refused (the error is errno's). The environment is passed, not inherited: .NET keeps
    /// its own copy of the variables, so one set in this process would never reach the new image.
    /// </summary>
    public static void Replace(string path, IReadOnlyList<string> arguments, IReadOnlyList<string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);

        // argv[0] is the program by convention; both arrays end with NULL.
        string?[] argv = [path, .. arguments, null];
        string?[] envp = [.. environment, null];
        _ = Execve(path, argv, envp);
        throw new Win32Exception(Marshal.GetLastPInvokeError());
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, string?[] argv, string?[] envp);
}
