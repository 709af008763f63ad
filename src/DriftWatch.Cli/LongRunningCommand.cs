using System.CommandLine;

namespace DriftWatch.Cli;

/// <summary>
/// A command that runs until it is told to stop (the worker). After Ctrl+C or SIGTERM it is given
/// <see cref="StopGrace"/> to finish what it holds, instead of the few seconds a one-shot command gets.
/// </summary>
internal sealed class LongRunningCommand(string name, string description, TimeSpan stopGrace) : Command(name, description)
{
    /// <summary>How long after the signal the process waits for the command before exiting anyway.</summary>
    public TimeSpan StopGrace { get; } = stopGrace;
}
