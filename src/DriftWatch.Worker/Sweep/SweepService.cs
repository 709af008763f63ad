using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sweep;

/// <summary>
/// Evaluates every known account at start and then every interval, through the same consumer as events. AWS delivers
/// CloudTrail events to EventBridge best-effort, and not at all once no trail logs: the sweep is what bounds a miss.
/// </summary>
public sealed class SweepService(
    IRequestClient<AccountSweepDue> sweeps,
    IAccountDiscovery discovery,
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
            timer.Period = SweepCadence.WaitAfter(_options.Interval, await SweepOnceAsync(stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One sweep over every known account; failures are logged per account and do not stop the others. At most
    /// Concurrency accounts are asked for at once (the consumer's definition holds the same limit), so no request
    /// waits in line long, and each account's CloudTrail calls keep to its own per-region budget.
    /// </summary>
    public async Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var accounts = await discovery.DiscoverAsync(cancellationToken);
        var failed = 0;
        var couldNotEvaluate = 0;
        var started = time.GetTimestamp();
        await Parallel.ForEachAsync(
            accounts,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (account, ct) =>
            {
                try
                {
                    var answer = await sweeps.GetResponse<AccountEvaluated>(new AccountSweepDue(account), ct);
                    if (answer.Message.CouldNotEvaluate)
                    {
                        Interlocked.Increment(ref couldNotEvaluate);
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // A fault (not "could not evaluate", which is an answer): the next sweep tries the account again.
                    Interlocked.Increment(ref failed);
                    logger.LogWarning("Sweep could not evaluate account {AccountId}: {Error}", account, e.Message);
                }
            });
        var elapsed = time.GetElapsedTime(started);
        logger.LogInformation("Swept {Accounts} accounts in {Elapsed} ms", accounts.Count, (int)elapsed.TotalMilliseconds);
        return new SweepResult(accounts, failed, couldNotEvaluate, elapsed);
    }
}
