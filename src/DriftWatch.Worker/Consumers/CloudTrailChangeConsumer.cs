using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Messages;
using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Re-evaluates the account a CloudTrail change was seen in. Faults when the account could not be evaluated, so the
/// queue message is kept and tried again rather than deleted on a guess.
/// </summary>
public sealed class CloudTrailChangeConsumer(EvaluationCoalescer coalescer, OrganizationFanOut organization) : IConsumer<CloudTrailChangeObserved>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CloudTrailChangeObserved> context)
    {
        var change = context.Message.Event;
        var outcome = await coalescer.RequestAsync(change.AccountId, change, context.Message.QueuedAt, context.CancellationToken);
        if (outcome.CouldNotEvaluate)
        {
            throw new CouldNotEvaluateException(change.AccountId);
        }

        if (outcome.OwnsOrganizationTrail)
        {
            await organization.ReevaluateMembersAsync(change, context.CancellationToken);
        }
    }
}
