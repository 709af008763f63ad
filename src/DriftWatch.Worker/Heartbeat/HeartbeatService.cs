using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sweep;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>
/// Every DriftWatch:Heartbeat:Interval (on the TimeProvider's clock), one heartbeat round per known account, leased so
/// that N workers send each account's heartbeats once per interval between them. The round is also when overdue
/// regions are found: a region is reported blind at most Timeout + Interval after its last heartbeat.
/// </summary>
public sealed class HeartbeatService(
    HeartbeatSender sender,
    IAccountDiscovery discovery,
    IOptions<HeartbeatOptions> options,
    TimeProvider time,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    private readonly HeartbeatOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Heartbeats are off (DriftWatch:Heartbeat:Enabled): only the sweep's forwarder check watches the forwarders");
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            await RoundAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round over every known account; returns the heartbeats this worker sent.</summary>
    public async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> accounts;
        try
        {
            accounts = await discovery.DiscoverAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Heartbeat round could not list accounts: {Error}", e.Message);
            return 0;
        }

        var sent = 0;
        await Parallel.ForEachAsync(
            accounts,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (account, ct) =>
            {
                try
                {
                    Interlocked.Add(ref sent, await sender.SendAsync(account, ct));
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning("Heartbeat round failed for account {AccountId}: {Error}", account, e.Message);
                }
            });
        return sent;
    }
}
