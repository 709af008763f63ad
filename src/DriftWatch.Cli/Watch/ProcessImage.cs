using System.ComponentModel;
using System.Runtime.InteropServices;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// execv(2): replaces this process with another program. The worker then keeps this process's PID, signals (systemd's
/// and Docker's SIGTERM reach it directly), standard streams and exit code, as if it had been started itself.
/// </summary>
internal static partial class ProcessImage
{
    /// <summary>Replaces the process; returns only by throwing, when the kernel refused (the error is errno's).</summary>
    public static void Replace(string path, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);

        // argv[0] is the program by convention; the array ends with NULL.
        string?[] argv = [path, .. arguments, null];
        _ = Execv(path, argv);
        throw new Win32Exception(Marshal.GetLastPInvokeError());
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, string?[] argv);
}
