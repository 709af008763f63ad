using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Worker.Attempts;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Re-evaluates the account a CloudTrail change was seen in and answers with what it found. A change to an
/// organization trail the account owns re-evaluates the members too, once the owner itself could be evaluated. A call
/// AWS refused (errorCode set) changed nothing and is no reason to read trails: one that could have reduced coverage
/// is a denied attempt (<see cref="DeniedAttemptRecorder"/>), any other (a failed StartLogging) is acknowledged and
/// ignored.
/// </summary>
public sealed class CloudTrailChangeConsumer(
    EvaluationCoalescer coalescer,
    OrganizationFanOut organization,
    IDeniedAttempts attempts,
    ILogger<CloudTrailChangeConsumer> logger) : IConsumer<CloudTrailChangeObserved>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CloudTrailChangeObserved> context)
    {
        var change = context.Message.Event;
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

            await context.RespondAsync(Acknowledged(change.AccountId));
            return;
        }

        var outcome = await coalescer.RequestAsync(change.AccountId, change, context.Message.QueuedAt, context.CancellationToken);
        if (outcome is { CouldNotEvaluate: false, OwnsOrganizationTrail: true })
        {
            await organization.ReevaluateMembersAsync(change, context.CancellationToken);
        }

        await context.RespondAsync(new AccountEvaluated(outcome.AccountId, outcome.Status));
    }

    /// <summary>
    /// The answer for a refused call: nothing was evaluated, and nothing is left to do. The listener deletes a message
    /// on any answer but "could not evaluate", which would only bring it back for a retry with nothing to retry.
    /// </summary>
    private static AccountEvaluated Acknowledged(string accountId) => new(accountId, ComplianceStatus.Pass);
}
