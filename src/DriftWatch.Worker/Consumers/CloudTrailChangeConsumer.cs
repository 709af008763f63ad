using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Worker.Attempts;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Re-evaluates the account a CloudTrail change was seen in and answers with what it found. A change to an
/// organization trail the account owns re-evaluates the members too, once the owner itself could be evaluated. An S3
/// or KMS call about a bucket or key no trail uses is answered without an evaluation. A call AWS refused (errorCode
/// set) changed nothing and is no reason to read trails: one that could have reduced coverage is a denied attempt
/// (<see cref="DeniedAttemptRecorder"/>), any other (a failed StartLogging) is acknowledged and ignored. A change that
/// found nothing is confirmed by later reads (<see cref="ConfirmationReads"/>).
/// </summary>
public sealed class CloudTrailChangeConsumer(
    EvaluationCoalescer coalescer,
    OrganizationFanOut organization,
    DestinationEventMatcher destinations,
    ConfirmationReads confirmations,
    IDeniedAttempts attempts,
    IForwarderChecks forwarders,
    ILogger<CloudTrailChangeConsumer> logger) : IConsumer<CloudTrailChangeObserved>
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

        if (!string.IsNullOrEmpty(change.ErrorCode))
        {
            if (DeniedAttempt.Applies(change))
            {
                await attempts.RecordAsync(change, context.CancellationToken);
            }
            else
            {
                logger.LogDebug("Refused {EventName} {EventId} in account {AccountId} ({ErrorCode}) cannot reduce coverage: ignored",
                    InertText.Of(change.EventName, 128), InertText.Of(change.EventId, 128), change.AccountId, InertText.Of(change.ErrorCode, 64));
            }

            await context.RespondAsync(new ChangeNotEvaluated(change.AccountId, $"AWS refused the call ({InertText.Of(change.ErrorCode, 64)}): nothing changed"));
            return;
        }

        if (ForwarderVerifier.IsForwarderCall(change.EventName))
        {
            if (!forwarders.Enabled)
            {
                // Nothing will ever check it: answered as settled, or the message would return until the dead-letter queue.
                await context.RespondAsync(new ChangeNotEvaluated(change.AccountId, "forwarder checks are off (DriftWatch:Forwarder:Verify)"));
                return;
            }

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

        confirmations.After(change, outcome);
        await context.RespondAsync(new AccountEvaluated(outcome.AccountId, outcome.Status));
    }
}
