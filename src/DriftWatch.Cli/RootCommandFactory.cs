using System.CommandLine;

namespace DriftWatch.Cli;

/// <summary>Builds the `driftwatch` root command from the commands Program.cs lists.</summary>
internal static class RootCommandFactory
{
    /// <summary>The root command with every given subcommand attached.</summary>
    public static RootCommand Create(IEnumerable<Command> commands)
    {
        var root = new RootCommand("DriftWatch keeps one control true: CloudTrail logs read and write management events in every AWS region.");
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
