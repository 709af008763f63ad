using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sweep;

/// <summary>
/// Evaluates every known account at start and then every interval, through the same consumer as events, and checks
/// each watched region's forwarder. AWS delivers CloudTrail events to EventBridge best-effort, and not at all once no
/// trail logs: the sweep is what bounds a miss. The periodic sweep takes a lease per account (a conditional write on
/// when its next sweep is due), so N workers sweep each account once per interval between them; the worker holding a
/// lease renews it at its own cadence, which adapts (<see cref="SweepCadence"/>), so it is never locked out of its
/// next sweep by the period of its last. Every sweep visits the accounts in the same order, so an account is read
/// again one interval after its last read, not one interval plus a sweep.
/// </summary>
public sealed class SweepService(
    IRequestClient<AccountSweepDue> sweeps,
    IAccountDiscovery discovery,
    IForwarderChecks forwarders,
    IWorkLeases leases,
    IOptions<SweepOptions> options,
    TimeProvider time,
    ILogger<SweepService> logger) : BackgroundService
{
    private readonly SweepOptions _options = options.Value;

    /// <summary>The token of each sweep lease this worker took last, by account: what lets it renew early.</summary>
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);

    /// <summary>
    /// The start-to-start interval the periodic sweep keeps, which its leases follow; before any sweep was timed, the
    /// shortest the cadence allows (a short lease only lets another worker sweep an account again sooner).
    /// </summary>
    private TimeSpan _interval = SweepCadence.Interval(options.Value.Interval, TimeSpan.Zero);

    /// <summary>The lease of an account's sweep.</summary>
    public static string LeaseName(string accountId) => $"sweep#{accountId}";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per wait, not a PeriodicTimer: a timer that ticks during a sweep longer than its period keeps that
        // tick, and the next sweep then starts at once, back to back, whatever wait the cadence set.
        while (!stoppingToken.IsCancellationRequested)
        {
            var sweep = await SweepOnceAsync(leased: true, stoppingToken);
            _interval = SweepCadence.Interval(_options.Interval, sweep.Elapsed);
            await Task.Delay(SweepCadence.WaitAfter(_options.Interval, sweep), time, stoppingToken);
        }
    }

    /// <summary>One sweep over every known account, whichever worker swept it last.</summary>
    public Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken) => SweepOnceAsync(leased: false, cancellationToken);

    /// <summary>
    /// One sweep; failures are logged per account and do not stop the others. With <paramref name="leased"/>, only the
    /// accounts whose sweep lease this worker takes (due, not swept by another worker this interval). At most
    /// Concurrency accounts are asked for at once (the consumer's definition holds the same limit), so no request
    /// waits in line long, and each account's CloudTrail calls keep to its own per-region budget.
    /// </summary>
    public async Task<SweepResult> SweepOnceAsync(bool leased, CancellationToken cancellationToken)
    {
        // One order for every sweep, whatever order discovery answers in (Organizations does not promise one).
        var known = (await discovery.DiscoverAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
        var swept = new List<string>();
        var failed = 0;
        var couldNotEvaluate = 0;
        var started = time.GetTimestamp();
        await Parallel.ForEachAsync(
            known,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (account, ct) =>
            {
                if (leased && !await TakeAsync(account, ct))
                {
                    return;
                }

                lock (swept)
                {
                    swept.Add(account);
                }

                logger.LogDebug("Sweeping account {AccountId}", account);

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

                try
                {
                    await forwarders.VerifyAccountAsync(account, EvaluationCause.Sweep, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning("Sweep could not check the forwarders of account {AccountId}: {Error}", account, e.Message);
                }
            });
        var elapsed = time.GetElapsedTime(started);
        logger.LogInformation("Swept {Accounts} accounts in {Elapsed} ms", swept.Count, (int)elapsed.TotalMilliseconds);
        return new SweepResult(swept.Order(StringComparer.Ordinal).ToList(), failed, couldNotEvaluate, elapsed);
    }

    // A lease that cannot be read or written is taken: two workers sweeping an account is waste, none sweeping it a miss.
    private async Task<bool> TakeAsync(string account, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            _held.TryGetValue(account, out var held);
            var lease = await leases.TryTakeAsync(LeaseName(account), now, now + HeartbeatSender.LeasePeriod(_interval), held, cancellationToken);
            if (lease is null)
            {
                // Another worker holds it now (ours ran out while this worker was away, or it never was ours).
                _held.TryRemove(account, out _);
                return false;
            }

            _held[account] = lease.Token;
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Sweep lease of account {AccountId} could not be taken ({Error}); sweeping it anyway", account, e.Message);
            return true;
        }
    }
}
