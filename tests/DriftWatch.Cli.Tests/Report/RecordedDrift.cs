using DriftWatch.Cli.Tests.Support;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Trails;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>
/// Records an account's drift into the deployed tables as the worker would: a real verdict from Core's evaluator on a
/// trail that is or is not logging, decided by Core's StateDecider, committed by the real DynamoDB store, at the
/// times the test chooses, so that gaps have lengths known to the second.
/// </summary>
internal sealed class RecordedDrift(CentralStack stack, string accountId)
{
    private static readonly TimeSpan BlindAfter = TimeSpan.FromHours(6);

    private AccountState? _state;

    /// <summary>A CloudTrail call by the given actor in eu-west-1, a second before it was evaluated.</summary>
    public static EvaluationCause Call(string eventName, DateTimeOffset at, string actor, string sourceIp = "203.0.113.7", string userAgent = "aws-cli/2.15") =>
        EvaluationCause.FromEvents([new TriggerEvent(eventName, $"evt-{eventName}-{at.ToUnixTimeSeconds()}", at.AddSeconds(-1), "eu-west-1", "000000000000", actor, "IAMUser", sourceIp, userAgent, "org-audit")]);

    /// <summary>An evaluation at <paramref name="at"/>: logging decides pass or fail; unreadable makes it "could not evaluate".</summary>
    public async Task EvaluateAsync(DateTimeOffset at, bool logging, EvaluationCause? cause = null, bool unreadable = false)
    {
        cause ??= EvaluationCause.Sweep;
        var verdict = ComplianceEvaluator.Evaluate(Snapshot(at, logging, unreadable), at);
        var decision = StateDecider.Decide(_state, verdict, cause, at, BlindAfter);
        await stack.RecordAsync(_state ?? decision.Next with { Version = 0 }, decision);
        _state = decision.Next;
    }

    private AccountSnapshot Snapshot(DateTimeOffset at, bool logging, bool unreadable)
    {
        var trail = new TrailInfo("org-audit", $"arn:aws:cloudtrail:eu-west-1:{accountId}:trail/org-audit", "eu-west-1", true, false);
        return unreadable
            ? new AccountSnapshot(accountId, "us-east-1", at, [], [new ReadError("DescribeTrails", "*", "us-east-1", "AccessDeniedException", "denied")], 1)
            : new AccountSnapshot(
                accountId,
                "us-east-1",
                at,
                [new TrailSnapshot(trail, new TrailStatus(logging), new EventSelectors([BasicEventSelector.AllManagementEvents], []), [])],
                [],
                3);
    }
}
