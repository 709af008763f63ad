using DriftWatch.Aws;
using DriftWatch.Cli.Hosting;
using DriftWatch.Worker;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// Runs `driftwatch watch`: the pipeline in a Generic Host until Ctrl+C or SIGTERM. Settings come from
/// appsettings.json beside the executable, environment variables (DriftWatch__Sweep__Interval) and the command line;
/// a bad one stops the start with exit 64 and the setting's name.
/// </summary>
internal static class WatchExecution
{
    /// <summary>Runs the worker and returns the exit code: 0 after a requested stop, 2 when it stopped by itself.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> settingTokens, CancellationToken cancellationToken)
    {
        var (arguments, argumentProblems) = SettingArguments.Read(settingTokens);
        if (argumentProblems.Count > 0)
        {
            return Usage(argumentProblems);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = arguments,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var (logSettings, logProblems) = WorkerLogSettings.Read(builder.Configuration);
        if (logProblems.Count > 0)
        {
            return Usage(logProblems);
        }

        try
        {
            _ = new AwsRegionResolver(builder.Configuration[CliConfiguration.RegionKey]).DefaultRegion;
        }
        catch (InvalidOperationException exception)
        {
            StdErr.Error(exception.Message);
            return ExitCodes.CouldNotEvaluate;
        }

        await using var root = WorkerLogging.Create(logSettings);
        var logger = root.ForContext(typeof(WatchExecution));
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(root);
        builder.Services.AddSingleton<IHostLifetime, SignalsFromCommandLine>();
        builder.Services.AddDriftWatchWorker(builder.Configuration);

        using var host = builder.Build();
        try
        {
            // Before StartAsync: every bad setting at once, and without the host's "failed to start" stack trace,
            // whose binder message would quote the value.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (SettingFailures.AreSettings(exception))
        {
            return Usage(SettingFailures.Of(exception));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Pass;
        }

        Announce(host.Services, logger);
        await host.WaitForShutdownAsync(cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            logger.Information("DriftWatch stopped");
            return ExitCodes.Pass;
        }

        // Nobody asked it to stop: a background service failed and the host stopped itself (see the log).
        StdErr.Error("the worker stopped by itself; the log above says why");
        return ExitCodes.CouldNotEvaluate;
    }

    private static void Announce(IServiceProvider services, Serilog.ILogger logger)
    {
        // Named values only: the webhook is reported as on/off, never by its URL.
        logger.Information(
            "DriftWatch watching queue {Queue}; sweep every {SweepInterval}; webhook {Webhook}",
            services.GetRequiredService<IOptions<QueueOptions>>().Value.Name,
            services.GetRequiredService<IOptions<SweepOptions>>().Value.Interval,
            services.GetRequiredService<IOptions<WebhookOptions>>().Value.Enabled ? "on" : "off");
    }

    private static int Usage(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            StdErr.Error($"configuration: {problem}");
        }

        return ExitCodes.Usage;
    }
}
