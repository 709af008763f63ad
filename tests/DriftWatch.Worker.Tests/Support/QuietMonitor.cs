using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Worker.Heartbeat;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// The monitor's parts for unit tests of the consumers and the queue edge: forwarder checks and region observations
/// recorded (never read from AWS), and leases held in memory.
/// </summary>
public sealed class QuietMonitor : IForwarderChecks, IRegionWatcher, IWorkLeases
{
    private readonly Dictionary<string, WorkLease> _leases = new(StringComparer.Ordinal);

    /// <summary>Every region checked, as (account, region, cause).</summary>
    public List<(string Account, string Region, EvaluationCause Cause)> Checked { get; } = [];

    /// <summary>Every observation, as (account, region, observation).</summary>
    public List<(string Account, string Region, RegionObservation Observation)> Observed { get; } = [];

    /// <summary>Whether forwarder checks are on (DriftWatch:Forwarder:Verify).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What a check answers.</summary>
    public ForwarderCheck Answer { get; set; } = ForwarderCheck.Healthy;

    /// <summary>Registers this monitor for every part it stands in for.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IForwarderChecks>(this);
        services.AddSingleton<IRegionWatcher>(this);
        services.AddSingleton<IWorkLeases>(this);
    }

    /// <summary>Puts a lease as if a heartbeat round had taken it.</summary>
    public void Hold(WorkLease lease)
    {
        lock (_leases)
        {
            _leases[lease.Name] = lease;
        }
    }

    /// <inheritdoc />
    public Task<int> VerifyAccountAsync(string accountId, EvaluationCause cause, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <inheritdoc />
    public Task<ForwarderCheck> VerifyAsync(string accountId, string region, EvaluationCause cause, CancellationToken cancellationToken)
    {
        lock (Checked)
        {
            Checked.Add((accountId, region, cause));
        }

        return Task.FromResult(Answer);
    }

    /// <inheritdoc />
    public Task<RegionWatchDecision> ObserveAsync(string accountId, string region, RegionObservation observation, CancellationToken cancellationToken)
    {
        lock (Observed)
        {
            Observed.Add((accountId, region, observation));
        }

        var watch = RegionWatch.Start(accountId, region, DateTimeOffset.UnixEpoch);
        return Task.FromResult(new RegionWatchDecision(watch, null, Unchanged: true));
    }

    /// <inheritdoc />
    public Task<WorkLease?> TryTakeAsync(string name, DateTimeOffset now, DateTimeOffset nextDue, string? heldToken, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var held) && held.DueAt > now && held.Token != heldToken)
            {
                return Task.FromResult<WorkLease?>(null);
            }

            var taken = new WorkLease(name, nextDue, Guid.NewGuid().ToString("N"), held?.Token);
            _leases[name] = taken;
            return Task.FromResult<WorkLease?>(taken);
        }
    }

    /// <inheritdoc />
    public Task<WorkLease?> GetAsync(string name, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            return Task.FromResult(_leases.GetValueOrDefault(name));
        }
    }
}
