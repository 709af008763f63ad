using DriftWatch.Aws;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Pipeline.Messages;
using DriftWatch.Pipeline.Options;
using DriftWatch.Pipeline.Storage;
using MassTransit.Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Pipeline.Sweep;

/// <summary>
/// Evaluates every known account at start and then every interval, through the same consumer as events. AWS delivers
/// CloudTrail events to EventBridge best-effort, and not at all once no trail logs: the sweep is what bounds a miss.
/// </summary>
public sealed class SweepService(
    IMediator mediator,
    IStateStore store,
    IAccountIdentity identity,
    IOptions<SweepOptions> options,
    TimeProvider time,
    ILogger<SweepService> logger) : BackgroundService
{
    private readonly SweepOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            await SweepOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep over every known account; failures are logged per account and do not stop the others.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var accounts = await KnownAccountsAsync(cancellationToken);
        var started = time.GetTimestamp();
        await Parallel.ForEachAsync(
            accounts,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (account, ct) =>
            {
                try
                {
                    await mediator.Send(new AccountSweepDue(account), ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning("Sweep could not evaluate account {AccountId}: {Error}", account, e.Message);
                }
            });
        logger.LogInformation("Swept {Accounts} accounts in {Elapsed} ms", accounts.Count, (int)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<IReadOnlyList<string>> KnownAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new SortedSet<string>(_options.Accounts, StringComparer.Ordinal);
        try
        {
            accounts.UnionWith(await store.ListAccountsAsync(cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not list known accounts from the state table: {Error}", e.Message);
        }

        try
        {
            accounts.Add(await identity.GetAccountIdAsync(cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not learn the worker's own account: {Error}", e.Message);
        }

        return accounts.ToList();
    }
}
