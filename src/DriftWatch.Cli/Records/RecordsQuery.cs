using Amazon.Runtime;
using DriftWatch.Aws;
using DriftWatch.Cli.Hosting;
using DriftWatch.Worker;
using DriftWatch.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Records;

/// <summary>
/// The flow `history` and `incidents` share: settings, region, DriftWatch's DynamoDB records, one read, the output.
/// Exit 0 when read, 2 when the records could not be read (no region, AWS error), 64 for a bad setting.
/// </summary>
internal static class RecordsQuery
{
    /// <summary>Reads with <paramref name="read"/> and prints with <paramref name="write"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync<T>(
        Func<IDriftRecords, CancellationToken, Task<T>> read,
        Action<T> write,
        CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build(new Dictionary<string, string?>());
        using var logger = CliLogging.Create(configuration, verbose: false);
        try
        {
            _ = new AwsRegionResolver(configuration[CliConfiguration.RegionKey]).DefaultRegion;
        }
        catch (InvalidOperationException exception)
        {
            StdErr.Error(exception.Message);
            return ExitCodes.CouldNotEvaluate;
        }

        ServiceProvider services;
        try
        {
            services = CliServices.Build(configuration, logger, static (s, c) => s.AddDriftWatchRecords(c));
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                StdErr.Error($"configuration: {failure}");
            }

            return ExitCodes.Usage;
        }

        await using (services)
        {
            T records;
            try
            {
                records = await read(services.GetRequiredService<IDriftRecords>(), cancellationToken);
            }
            catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                StdErr.Error($"could not read DriftWatch's records: {exception.GetType().Name}: {exception.Message}");
                return ExitCodes.CouldNotEvaluate;
            }

            write(records);
            return ExitCodes.Pass;
        }
    }
}
