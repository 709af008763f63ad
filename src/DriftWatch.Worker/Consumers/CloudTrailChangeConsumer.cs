using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Messages;
using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Re-evaluates the account a CloudTrail change was seen in and answers with what it found. A change to an
/// organization trail the account owns re-evaluates the members too, once the owner itself could be evaluated. An S3
/// or KMS call about a bucket or key no trail uses is answered without an evaluation. A change that found nothing is
/// confirmed by later reads (<see cref="ConfirmationReads"/>).
/// </summary>
public sealed class CloudTrailChangeConsumer(
    EvaluationCoalescer coalescer,
    OrganizationFanOut organization,
    TrailDestinations destinations,
    ConfirmationReads confirmations) : IConsumer<CloudTrailChangeObserved>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CloudTrailChangeObserved> context)
    {
        var change = context.Message.Event;
        if (!await destinations.ConcernsATrailAsync(change, context.CancellationToken))
        {
            await context.RespondAsync(new ChangeNotEvaluated(change.AccountId, "no trail of the account uses that bucket or key"));
            return;
        }

        var outcome = await coalescer.RequestAsync(change.AccountId, change, context.Message.QueuedAt, context.CancellationToken);
        if (outcome is { CouldNotEvaluate: false, OwnsOrganizationTrail: true })
        {
            await organization.ReevaluateMembersAsync(change, context.CancellationToken);
        }

        confirmations.After(change, outcome);
        await context.RespondAsync(new AccountEvaluated(outcome.AccountId, outcome.Status));
    }
}
