using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sweep;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// A change to an organization trail arrives as an event of the management account only, yet it may drop coverage in
/// every member. So the members are evaluated at once, with the management account's event as their cause, instead
/// of at the next sweep.
/// </summary>
public sealed class OrganizationFanOut(
    EvaluationCoalescer coalescer,
    IAccountDiscovery discovery,
    IOptions<SweepOptions> sweep,
    ILogger<OrganizationFanOut> logger)
{
    /// <summary>Evaluates every known account but the trail's owner; a member that cannot be evaluated is logged, not retried here.</summary>
    public async Task ReevaluateMembersAsync(TriggerEvent change, CancellationToken cancellationToken)
    {
        var members = (await discovery.DiscoverAsync(cancellationToken)).Where(a => a != change.AccountId).ToList();
        logger.LogInformation(
            "{EventName} on an organization trail of account {AccountId}: evaluating {Members} member accounts now",
            Core.Text.InertText.Of(change.EventName), change.AccountId, members.Count);
        await Parallel.ForEachAsync(
            members,
            new ParallelOptions { MaxDegreeOfParallelism = sweep.Value.Concurrency, CancellationToken = cancellationToken },
            async (member, ct) =>
            {
                var outcome = await coalescer.RequestAsync(member, change with { AccountId = member }, queuedAt: null, ct);
                if (outcome.CouldNotEvaluate)
                {
                    logger.LogWarning("Could not evaluate member account {AccountId} after an organization trail change; the sweep will retry", member);
                }
            });
    }
}
