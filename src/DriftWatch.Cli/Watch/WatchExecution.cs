using DriftWatch.Cli.Hosting;
using DriftWatch.Sinks;
using DriftWatch.Worker;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// Runs `driftwatch watch`: the worker in the command's host until Ctrl+C or SIGTERM. Settings come from
/// appsettings.json beside the executable, environment variables (DriftWatch__Sweep__Interval) and
/// --DriftWatch:Sweep:Interval=… arguments; a bad one stops the start with exit 64 and the setting's name.
/// </summary>
internal static partial class WatchExecution
{
    /// <summary>
    /// The host's own stop budget: under the 30 s that ECS and Kubernetes wait before SIGKILL, and above the 20 s a
    /// long poll may still take.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>Runs the worker and returns the exit code: 0 after a requested stop, 2 when it stopped by itself.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> settingTokens, CancellationToken cancellationToken) =>
        CliHost.RunAsync(
            new CommandStartup(Register) { SettingArguments = settingTokens, Logging = WorkerLogging.FromSettings },
            WatchAsync,
            cancellationToken);

    /// <summary>The worker's services, with a lifetime that leaves the signals to System.CommandLine.</summary>
    internal static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IHostLifetime, SignalsFromCommandLine>();
        services.AddDriftWatchWorker(configuration);
    }

    private static async Task<int> WatchAsync(IHost host, CancellationToken cancellationToken)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WatchExecution));
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Pass;
        }

        // Named values only: the webhook is reported as on/off, never by its URL.
        LogWatching(
            logger,
            host.Services.GetRequiredService<IOptions<QueueOptions>>().Value.Name,
            host.Services.GetRequiredService<IOptions<SweepOptions>>().Value.Interval,
            host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.Enabled ? "on" : "off");
        await host.WaitForShutdownAsync(cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger);
            return ExitCodes.Pass;
        }

        // Nobody asked it to stop: a background service failed and the host stopped itself (see the log).
        StdErr.Error("the worker stopped by itself; the log above says why");
        return ExitCodes.CouldNotEvaluate;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DriftWatch watching queue {Queue}; sweep every {SweepInterval}; webhook {Webhook}")]
    private static partial void LogWatching(ILogger logger, string queue, TimeSpan sweepInterval, string webhook);

    [LoggerMessage(Level = LogLevel.Information, Message = "DriftWatch stopped")]
    private static partial void LogStopped(ILogger logger);
}
