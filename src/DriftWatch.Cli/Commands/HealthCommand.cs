using System.CommandLine;
using DriftWatch.Cli.Watch;

namespace DriftWatch.Cli.Commands;

/// <summary>`driftwatch health`: the probe a container health check runs against a local `driftwatch watch`.</summary>
internal static class HealthCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port of the worker's health endpoint (default: DriftWatch:Health:Port)." };
        var ready = new Option<bool>("--ready") { Description = "Ask /readyz (AWS reachable, receiving) instead of /healthz (alive)." };
        var command = new Command("health", "Ask the local worker (driftwatch watch) whether it is alive; exit 0 when it is, 1 when not.")
        {
            port,
            ready,
        };
        command.SetAction((parsed, cancellationToken) => HealthProbe.RunAsync(parsed.GetValue(port), parsed.GetValue(ready), cancellationToken));
        return command;
    }
}
