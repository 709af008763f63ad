namespace DriftWatch.Testing;

/// <summary>One line a <see cref="ChildProcess"/> wrote.</summary>
/// <param name="Text">The line, without its line break.</param>
/// <param name="IsError">True when it came on stderr.</param>
/// <param name="At">When it arrived, counted from just before the process was started.</param>
public sealed record ChildProcessLine(string Text, bool IsError, TimeSpan At);
