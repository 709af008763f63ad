using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Messages;
using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Re-evaluates the account a CloudTrail change was seen in and answers with what it found. A change to an
/// organization trail the account owns re-evaluates the members too, once the owner itself could be evaluated.
/// </summary>
public sealed class CloudTrailChangeConsumer(EvaluationCoalescer coalescer, OrganizationFanOut organization, IForwarderChecks forwarders) : IConsumer<CloudTrailChangeObserved>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CloudTrailChangeObserved> context)
    {
        var change = context.Message.Event;
        if (ForwarderVerifier.IsForwarderCall(change.EventName))
        {
            // A change to a rule or a stack may have blinded that region's forwarder: it is re-checked, trails are not read.
            var check = await forwarders.VerifyAsync(change.AccountId, change.Region, EvaluationCause.FromEvents([change]), context.CancellationToken);
            await context.RespondAsync(new AccountEvaluated(change.AccountId, check.IsVerified ? ComplianceStatus.Pass : ComplianceStatus.Error));
            return;
        }

        var outcome = await coalescer.RequestAsync(change.AccountId, change, context.Message.QueuedAt, context.CancellationToken);
        if (outcome is { CouldNotEvaluate: false, OwnsOrganizationTrail: true })
        {
            await organization.ReevaluateMembersAsync(change, context.CancellationToken);
        }

        await context.RespondAsync(new AccountEvaluated(outcome.AccountId, outcome.Status));
    }
}
