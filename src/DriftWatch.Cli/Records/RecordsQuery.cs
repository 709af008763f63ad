using Amazon.Runtime;
using DriftWatch.Cli.Hosting;
using DriftWatch.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Cli.Records;

/// <summary>
/// The flow `history` and `incidents` share: start-up (settings, region), DriftWatch's DynamoDB records, one read,
/// the output. Exit 0 when read, 2 when the records could not be read (no region, AWS error), 64 for a bad setting.
/// </summary>
internal static class RecordsQuery
{
    /// <summary>Reads with <paramref name="read"/> and prints with <paramref name="write"/>; returns the exit code.</summary>
    public static Task<int> RunAsync<T>(
        Func<IDriftRecords, CancellationToken, Task<T>> read,
        Action<T> write,
        CancellationToken cancellationToken) =>
        CliHost.RunAsync(new CommandStartup(Register), (host, ct) => ReadAsync(host.Services, read, write, ct), cancellationToken);

    /// <summary>What the read commands need: DriftWatch's records (and the AWS settings they use).</summary>
    internal static void Register(IServiceCollection services, IConfiguration configuration) => services.AddDriftWatchRecords(configuration);

    private static async Task<int> ReadAsync<T>(
        IServiceProvider services, Func<IDriftRecords, CancellationToken, Task<T>> read, Action<T> write, CancellationToken cancellationToken)
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
