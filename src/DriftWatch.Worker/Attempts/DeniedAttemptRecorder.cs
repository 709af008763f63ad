using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Records;
using DriftWatch.Sinks;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Attempts;

/// <summary>
/// The path of a refused call: decide the attempt (Core), record it with its notice in the outbox (one transaction,
/// keyed by the event), then tell the SOC. No trail is read and no state is written: the call changed nothing. A
/// message delivered twice finds its attempt recorded and sends nothing; the outbox already holds its notice, and the
/// notice retrier delivers it if the first delivery did not finish.
/// </summary>
public sealed class DeniedAttemptRecorder(
    IStateStore states,
    IAttemptStore attempts,
    IncidentNotifier notifier,
    TimeProvider time,
    ILogger<DeniedAttemptRecorder> logger) : IDeniedAttempts
{
    /// <inheritdoc />
    public async Task<DeniedAttempt?> RecordAsync(TriggerEvent refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refused);
        if (!DeniedAttempt.Applies(refused))
        {
            return null;
        }

        // The last recorded verdict only says where the account stands; it is read, never written.
        var state = await states.GetAsync(refused.AccountId, cancellationToken);
        var attempt = DeniedAttempt.Decide(refused, state?.Verdict, time.GetUtcNow())!;
        if (!await attempts.RecordAttemptAsync(attempt, cancellationToken))
        {
            logger.LogDebug("Denied {EventName} {EventId} in account {AccountId} was recorded before: nothing more to do",
                refused.EventName, InertText.Of(refused.EventId, 128), refused.AccountId);
            return attempt;
        }

        logger.LogWarning(
            "Denied attempt {NoticeId}: {EventName} in account {AccountId} ({Region}) by {Actor} from {SourceIp} refused with {ErrorCode}",
            attempt.NoticeId, refused.EventName, refused.AccountId, refused.Region, InertText.Of(refused.ActorArn, 256),
            InertText.Of(refused.SourceIp, 64), InertText.Of(refused.ErrorCode, 64));
        await notifier.NotifyAsync(attempt.Notice, cancellationToken);
        return attempt;
    }
}
