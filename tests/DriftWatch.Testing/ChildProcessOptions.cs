namespace DriftWatch.Testing;

/// <summary>How <see cref="ChildProcess"/> starts a process and what it keeps of its output.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>Variables set for the child, over what it inherits.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Inherited variables the child must not see (e.g. the developer's own AWS_* settings), by name.</summary>
    public Func<string, bool>? DropInherited { get; init; }

    /// <summary>Keeps stdin open for <see cref="ChildProcess.WriteLineAsync"/>; otherwise it is closed at start.</summary>
    public bool KeepInputOpen { get; init; }

    /// <summary>
    /// False for a chatty, long-lived process (moto logs every request): its output is then only passed to
    /// <see cref="OnLine"/>, and <see cref="ChildProcess.Lines"/>, Output, Stdout and Stderr stay empty.
    /// </summary>
    public bool KeepOutput { get; init; } = true;

    /// <summary>Called for every line as it arrives, one at a time in arrival order (under the output lock).</summary>
    public Action<ChildProcess, ChildProcessLine>? OnLine { get; init; }

    /// <summary>How long <see cref="ChildProcess.RunAsync"/> lets the process run before it kills it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
