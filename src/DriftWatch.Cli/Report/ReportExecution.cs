using System.Text;
using Amazon.Runtime;
using DriftWatch.Aws;
using DriftWatch.Cli.Check;
using DriftWatch.Cli.Hosting;
using DriftWatch.Core.Reporting;
using DriftWatch.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Report;

/// <summary>
/// `driftwatch report` end to end, and the one place its wiring lives: window, --out, exceptions file (all refused
/// with 64 before any AWS call), then settings, region, DriftWatch's records, the read, the output. Exit 0 when
/// written, 2 when the records could not be read, 64 for bad input, a bad setting or an account not in the records.
/// </summary>
internal static class ReportExecution
{
    /// <summary>The worker's exceptions file: the one its recorded verdicts were made under.</summary>
    public const string ExceptionsFileKey = "DriftWatch:Evaluation:ExceptionsFile";

    /// <summary>Runs the report and returns the process exit code.</summary>
    public static async Task<int> RunAsync(ReportOptions options, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var until = options.Until ?? now;
        var since = options.Since ?? until - ReportOptions.DefaultLength;
        if (until <= since)
        {
            StdErr.Error($"the window ends before it starts: --until {ReportValues.Time(until)} is not after --since {ReportValues.Time(since)}");
            return ExitCodes.Usage;
        }

        var window = new ReportWindow(since, until);
        if (options.OutFile is { } outFile && Path.GetDirectoryName(Path.GetFullPath(outFile)) is { } directory && !Directory.Exists(directory))
        {
            StdErr.Error($"--out: directory {directory} does not exist");
            return ExitCodes.Usage;
        }

        return await CliHost.RunAsync(
            new CommandStartup(Register),
            (host, ct) => ReportAsync(host.Services, options, window, now, ct),
            cancellationToken);
    }

    /// <summary>What `report` needs: DriftWatch's records and the paged reader over them.</summary>
    internal static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddDriftWatchRecords(configuration).AddTransient<CoverageReader>();

    private static async Task<int> ReportAsync(
        IServiceProvider services, ReportOptions options, ReportWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var configured = services.GetRequiredService<IConfiguration>()[ExceptionsFileKey];
        var exceptions = await ExceptionsFileLoader.LoadAsync(options.ExceptionsFile ?? configured, cancellationToken);
        if (exceptions.Problems.Count > 0)
        {
            foreach (var problem in exceptions.Problems)
            {
                StdErr.Error(problem);
            }

            return ExitCodes.Usage;
        }

        CoverageReport? report;
        try
        {
            report = await services.GetRequiredService<CoverageReader>().ReadAsync(options.Account, window, now, exceptions.File.Exceptions, cancellationToken);
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            StdErr.Error($"could not read DriftWatch's records: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.CouldNotEvaluate;
        }

        if (report is null)
        {
            StdErr.Error($"--account: {options.Account} is not in DriftWatch's records (no evaluation of it was ever recorded)");
            return ExitCodes.Usage;
        }

        return Output(report, options);
    }

    // A file is written beside itself and moved into place: a reader never sees half a report.
    private static int Output(CoverageReport report, ReportOptions options)
    {
        if (options.OutFile is not { } path)
        {
            ReportWriter.Write(report, options.Format, Console.Out, toTerminal: true);
            return ExitCodes.Pass;
        }

        var partial = path + ".partial";
        try
        {
            using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                ReportWriter.Write(report, options.Format, writer, toTerminal: false);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            StdErr.Error($"--out: cannot write {path}: {exception.Message}");
            return ExitCodes.Usage;
        }

        StdErr.Line($"driftwatch: report written to {Path.GetFullPath(path)}");
        return ExitCodes.Pass;
    }
}
