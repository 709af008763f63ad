using DriftWatch.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The one start-up path of every command: configuration (<see cref="CliConfiguration"/>), logging, the container the
/// command registers, start-up validation, the region; then the command. A bad setting exits 64 with one line per key,
/// "configuration: DriftWatch:Section:Key: …", never echoing a value; no region anywhere exits 2.
/// </summary>
/// <remarks>
/// A host that one-shot commands build but never start: nothing runs in the background, and Ctrl+C stays with
/// System.CommandLine's cancellation token. `watch` starts it.
/// </remarks>
internal static class CliHost
{
    /// <summary>Starts up as <paramref name="startup"/> says, then runs <paramref name="command"/> and returns its exit code.</summary>
    public static async Task<int> RunAsync(
        CommandStartup startup, Func<IHost, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(command);
        StartupTimings.Mark("Main, command line parsed");
        var (arguments, argumentProblems) = SettingArguments.Read(startup.SettingArguments);
        if (argumentProblems.Count > 0)
        {
            return Usage(argumentProblems);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        CliConfiguration.Add(builder.Configuration, arguments, startup.Overrides);
        var logging = startup.Logging(builder.Configuration);

        // With bad logging settings the rest is still validated (silently), so that every bad key is named at once.
        // The provider filters by level itself: the factory lets everything through to it.
        using (var provider = logging.Provider ?? NullLoggerProvider.Instance)
        {
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(provider);
            startup.Register(builder.Services, builder.Configuration);
            builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
            using var host = builder.Build();
            StartupTimings.Mark("configuration, logging, host build");

            var problems = logging.Problems.Concat(StartupValidation.Run(host.Services)).ToList();
            if (problems.Count > 0)
            {
                return Usage(problems);
            }

            if (!HasRegion(host.Services, startup.RegionHint))
            {
                return ExitCodes.CouldNotEvaluate;
            }

            StartupTimings.Mark("settings validation, region");
            try
            {
                return await command(host, cancellationToken);
            }
            catch (Exception exception) when (SettingFailures.Of(exception, host.Services.GetServices<SettingsCheck>().ToList()) is { Count: > 0 } late)
            {
                // Settings read only once the command runs (a host starting its services) are named the same way.
                return Usage(late);
            }
            finally
            {
                StartupTimings.Mark("command (AWS calls, verdict, output)");
            }
        }
    }

    private static bool HasRegion(IServiceProvider services, string hint)
    {
        try
        {
            _ = services.GetService<AwsRegionResolver>()?.DefaultRegion;
            return true;
        }
        catch (InvalidOperationException exception)
        {
            StdErr.Error(exception.Message + hint);
            return false;
        }
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
