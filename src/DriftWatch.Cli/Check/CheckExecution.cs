using System.Globalization;
using DriftWatch.Aws;
using DriftWatch.Cli.Hosting;
using DriftWatch.Cli.Output;
using DriftWatch.Core.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Cli.Check;

/// <summary>
/// Runs `driftwatch check` end to end: start-up (settings, region), exceptions file, the check itself, output, exit
/// code. Input problems are found before any AWS call so that a typo never costs a network round trip.
/// </summary>
internal static class CheckExecution
{
    /// <summary>Runs the check and returns the process exit code.</summary>
    public static Task<int> RunAsync(CheckOptions options, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (options.Region is not null)
        {
            // Through configuration, so that every AWS client (STS included) uses the region asked for.
            overrides[CliConfiguration.RegionKey] = options.Region;
        }

        return CliHost.RunAsync(
            new CommandStartup(Register) { Overrides = overrides, Logging = CliLogging.OneShot(options.Verbose), RegionHint = " Or pass --region." },
            (host, ct) => CheckAsync(host.Services, options, ct),
            cancellationToken);
    }

    /// <summary>What `check` needs: the AWS clients and the handler over them.</summary>
    internal static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddDriftWatchAws(configuration).AddTransient<CheckHandler>();

    private static async Task<int> CheckAsync(IServiceProvider services, CheckOptions options, CancellationToken cancellationToken)
    {
        var configured = services.GetRequiredService<IConfiguration>()[CliConfiguration.ExceptionsFileKey];
        var exceptions = await ExceptionsFileLoader.LoadAsync(options.ExceptionsFile ?? configured, cancellationToken);
        if (exceptions.Problems.Count > 0)
        {
            foreach (var problem in exceptions.Problems)
            {
                StdErr.Error(problem);
            }

            return ExitCodes.Usage;
        }

        var region = services.GetRequiredService<AwsRegionResolver>().DefaultRegion;
        var outcome = await services.GetRequiredService<CheckHandler>().RunAsync(region, exceptions.File, cancellationToken, options.Account);
        Report(outcome, options);
        return ExitCodes.For(outcome.Verdict.Status);
    }

    private static void Report(CheckOutcome outcome, CheckOptions options)
    {
        foreach (var warning in outcome.Warnings)
        {
            StdErr.Warning(warning);
        }

        var verdict = outcome.Verdict;
        if (verdict.Status == ComplianceStatus.Error)
        {
            // Also on stderr: with --output json a script may only show stderr to the person who has to act.
            StdErr.Error($"could not evaluate: {string.Join("; ", verdict.Reasons)}");
        }

        if (options.Output == OutputFormat.Json)
        {
            VerdictJson.Write(verdict, Console.Out);
        }
        else
        {
            TextVerdictRenderer.Render(StdoutConsole.Create(), verdict);
        }

        if (options.Verbose)
        {
            StdErr.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"driftwatch: account {Display(verdict.AccountId)} from {outcome.Region}: {verdict.ApiCalls} CloudTrail API calls and {verdict.DestinationCalls} S3/KMS calls, {outcome.Total.TotalSeconds:F2} s in all (identity {outcome.Identity.TotalSeconds:F2} s, trails {outcome.Read.TotalSeconds:F2} s)"));
        }
    }

    private static string Display(string account) => account.Length == 0 ? "(unknown)" : account;
}
