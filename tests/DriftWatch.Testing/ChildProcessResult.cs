namespace DriftWatch.Testing;

/// <summary>What a process run to its end by <see cref="ChildProcess.RunAsync"/> left behind.</summary>
/// <param name="ExitCode">Its exit code (137 when it was killed at the timeout).</param>
/// <param name="Stdout">Everything it wrote on stdout, exactly.</param>
/// <param name="Stderr">Everything it wrote on stderr, exactly.</param>
/// <param name="Elapsed">From just before it started until it had exited.</param>
/// <param name="TimedOut">True when it was still running at the timeout and was killed.</param>
public sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut);
