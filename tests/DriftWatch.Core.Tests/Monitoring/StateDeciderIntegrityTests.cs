using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Tests.Builders;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>
/// The integrity kind of <see cref="StateDecider"/>: retention shortfalls open one integrity incident per account, none
/// resolve it, coverage decides its own incident alongside, and "could not evaluate" touches neither. One table of
/// every (open incidents, status, shortfall) path, then the incident's id, words and commands.
/// </summary>
public sealed class StateDeciderIntegrityTests
{
    private const long PriorVersion = 7;
    private static readonly DateTimeOffset Now = AccountBuilder.Now;
    private static readonly TimeSpan BlindAfter = TimeSpan.FromHours(6);
    private static readonly string OpenCoverage = Incident.IdFor(AccountBuilder.AccountId, 3);
    private static readonly string OpenIntegrity = Incident.IdFor(AccountBuilder.AccountId, 4, IncidentKind.Integrity);
    private static readonly RetentionShortfall OneDay = new("org-audit", "audit-logs-111111111111", "expire-after-a-day", 1, 365);

    private static readonly Verdict Pass = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing()), Now);
    private static readonly Verdict Fail = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing().NotLogging()), Now);
    private static readonly Verdict Error = ComplianceEvaluator.Evaluate(new AccountBuilder().DescribeTrailsFailed().Build(), Now);

    private static readonly EvaluationCause Cause = EvaluationCause.FromEvents(
    [
        new TriggerEvent("PutBucketLifecycle", "evt-9", Now.AddSeconds(-3), "eu-west-1", AccountBuilder.AccountId, "arn:aws:iam::111111111111:user/mallory", "IAMUser", "203.0.113.7", "aws-cli/2", null, BucketName: OneDay.Bucket),
    ]);

    /// <summary>Rows: open incidents before, verdict, shortfall or not; then the actions by kind and the incidents open after.</summary>
    private static readonly IReadOnlyList<KindCase> All =
    [
        new("a pass with a shortfall opens an integrity incident and no coverage one", Open(), Pass, true,
            [(IncidentKind.Integrity, IncidentAction.Open)], [IncidentKind.Integrity]),
        new("a fail with a shortfall opens both, coverage first", Open(), Fail, true,
            [(IncidentKind.Coverage, IncidentAction.Open), (IncidentKind.Integrity, IncidentAction.Open)], [IncidentKind.Coverage, IncidentKind.Integrity]),
        new("a pass with the shortfall still there keeps the integrity incident", Open(integrity: true), Pass, true,
            [], [IncidentKind.Integrity]),
        new("a pass without a shortfall resolves the integrity incident", Open(integrity: true), Pass, false,
            [(IncidentKind.Integrity, IncidentAction.Resolve)], []),
        new("a pass without a shortfall resolves both kinds", Open(coverage: true, integrity: true), Pass, false,
            [(IncidentKind.Coverage, IncidentAction.Resolve), (IncidentKind.Integrity, IncidentAction.Resolve)], []),
        new("a fail with an integrity incident open opens coverage and keeps integrity", Open(integrity: true), Fail, true,
            [(IncidentKind.Coverage, IncidentAction.Open)], [IncidentKind.Coverage, IncidentKind.Integrity]),
        new("a fail without a shortfall resolves integrity and keeps coverage", Open(coverage: true, integrity: true), Fail, false,
            [(IncidentKind.Integrity, IncidentAction.Resolve)], [IncidentKind.Coverage]),
        new("a pass resolving coverage with a shortfall opens integrity", Open(coverage: true), Pass, true,
            [(IncidentKind.Coverage, IncidentAction.Resolve), (IncidentKind.Integrity, IncidentAction.Open)], [IncidentKind.Integrity]),
        new("could not evaluate with a shortfall opens nothing", Open(), Error, true,
            [], []),
        new("could not evaluate without a shortfall resolves nothing", Open(integrity: true), Error, false,
            [], [IncidentKind.Integrity]),
        new("a pass without a shortfall and nothing open tells nobody", Open(), Pass, false,
            [], []),
    ];

    public static TheoryData<string> Cases => new(All.Select(c => c.Description));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string description)
    {
        var @case = All.Single(c => c.Description == description);
        var verdict = @case.Shortfall ? @case.Verdict with { Retention = [OneDay] } : @case.Verdict;

        var decision = StateDecider.Decide(Prior(@case.Open), verdict, Cause, Now, BlindAfter);

        Assert.Equal(@case.Changes, decision.Changes.Select(c => (c.Kind, c.Action)).ToList());
        Assert.Equal(@case.OpenAfter.Order(StringComparer.Ordinal), decision.Next.OpenIncidents.Keys.Order(StringComparer.Ordinal));
        Assert.All(decision.Changes, c => Assert.Equal(c.Kind, c.Notice.Kind));
        Assert.Equal(decision.Changes.Select(c => c.Notice), decision.Notices);
        foreach (var change in decision.Changes)
        {
            var expectedId = change.Action == IncidentAction.Open
                ? Incident.IdFor(AccountBuilder.AccountId, PriorVersion + 1, change.Kind)
                : change.Kind == IncidentKind.Coverage ? OpenCoverage : OpenIntegrity;
            Assert.Equal(expectedId, change.IncidentId);
            Assert.Equal(expectedId, change.Notice.IncidentId);
            Assert.Equal(change.Action == IncidentAction.Open ? IncidentNotice.Opened : IncidentNotice.Resolved, change.Notice.Type);
        }
    }

    [Fact]
    public void TheIntegrityIncidentNamesTheBucketAndTheRuleAndGivesTheCommandsThatFixIt()
    {
        var decision = StateDecider.Decide(Prior(Open()), Pass with { Retention = [OneDay] }, Cause, Now, BlindAfter);

        var opening = Assert.IsType<IncidentOpening>(decision.ChangeOf(IncidentKind.Integrity));
        Assert.Equal(IncidentKind.Integrity, opening.Incident.Kind);
        Assert.Equal(ComplianceStatus.Pass, opening.Notice.Status);
        var reason = Assert.Single(opening.Notice.Reasons);
        Assert.Contains("audit-logs-111111111111", reason, StringComparison.Ordinal);
        Assert.Contains("'expire-after-a-day'", reason, StringComparison.Ordinal);
        Assert.Contains("after 1 days, under the required 365", reason, StringComparison.Ordinal);
        Assert.Contains("aws s3api put-bucket-lifecycle-configuration --bucket audit-logs-111111111111 --lifecycle-configuration file://lifecycle.json", opening.Notice.Remediation);
        Assert.Contains("aws s3api delete-bucket-lifecycle --bucket audit-logs-111111111111", opening.Notice.Remediation);
        Assert.Equal(opening.Notice.Reasons, opening.Incident.Verdict.Reasons);
        Assert.Equal(Cause, opening.Incident.OpenedBy);
    }

    [Fact]
    public void CoverageIsTheSameWithOrWithoutAShortfall()
    {
        var without = StateDecider.Decide(Prior(Open()), Fail, Cause, Now, BlindAfter);
        var with = StateDecider.Decide(Prior(Open()), Fail with { Retention = [OneDay] }, Cause, Now, BlindAfter);

        Assert.Equal(without.Next.Verdict.Fingerprint, with.Next.Verdict.Fingerprint);
        Assert.Equal(without.Next.Verdict.Reasons, with.Next.Verdict.Reasons);
        Assert.Equal((without.Transition?.From, without.Transition?.To), (with.Transition?.From, with.Transition?.To));
        var (alone, beside) = (without.ChangeOf(IncidentKind.Coverage)!.Notice, with.ChangeOf(IncidentKind.Coverage)!.Notice);
        Assert.Equal((alone.Type, alone.IncidentId, alone.Status, alone.Kind), (beside.Type, beside.IncidentId, beside.Status, beside.Kind));
        Assert.Equal(alone.Reasons, beside.Reasons);
        Assert.Equal(alone.Remediation, beside.Remediation);
        Assert.Same(with.Changes[0], with.ChangeOf(IncidentKind.Coverage));
    }

    [Fact]
    public void ARetriedDecisionOpensTheSameIntegrityIncident()
    {
        var first = StateDecider.Decide(Prior(Open()), Pass with { Retention = [OneDay] }, Cause, Now, BlindAfter);
        var retry = StateDecider.Decide(Prior(Open()), Pass with { Retention = [OneDay] }, Cause, Now.AddSeconds(30), BlindAfter);

        Assert.Equal(first.ChangeOf(IncidentKind.Integrity)!.IncidentId, retry.ChangeOf(IncidentKind.Integrity)!.IncidentId);
        Assert.Equal($"integrity-{AccountBuilder.AccountId}-00000008", first.ChangeOf(IncidentKind.Integrity)!.IncidentId);
    }

    [Fact]
    public void CoverageAndIntegrityOpenedByOneEvaluationHaveDifferentIds()
    {
        var decision = StateDecider.Decide(Prior(Open()), Fail with { Retention = [OneDay] }, Cause, Now, BlindAfter);

        Assert.Equal(
            [$"{AccountBuilder.AccountId}-00000008", $"integrity-{AccountBuilder.AccountId}-00000008"],
            decision.Changes.Select(c => c.IncidentId));
    }

    [Fact]
    public void ARuleIdThatCarriesControlCharactersIsRenderedInertAndNeverBecomesACommand()
    {
        var hostile = OneDay with { RuleId = "x\n rm -rf / \u001b[2J" };

        var decision = StateDecider.Decide(Prior(Open()), Pass with { Retention = [hostile] }, Cause, Now, BlindAfter);

        var notice = decision.ChangeOf(IncidentKind.Integrity)!.Notice;
        Assert.DoesNotContain(notice.Reasons.Concat(notice.Remediation), line => line.Any(char.IsControl));
        Assert.All(notice.Remediation.Where(l => l.Contains("rm -rf", StringComparison.Ordinal)), line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }

    [Fact]
    public void ABucketNameS3WouldRefuseGetsNoCommand()
    {
        var decision = StateDecider.Decide(Prior(Open()), Pass with { Retention = [OneDay with { Bucket = "Not A Bucket; rm -rf /" }] }, Cause, Now, BlindAfter);

        var remediation = decision.ChangeOf(IncidentKind.Integrity)!.Notice.Remediation;
        Assert.All(remediation, line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }

    private static IReadOnlyDictionary<string, string> Open(bool coverage = false, bool integrity = false)
    {
        var open = new Dictionary<string, string>(StringComparer.Ordinal);
        if (coverage)
        {
            open[IncidentKind.Coverage] = OpenCoverage;
        }

        if (integrity)
        {
            open[IncidentKind.Integrity] = OpenIntegrity;
        }

        return open;
    }

    private static AccountState Prior(IReadOnlyDictionary<string, string> open) => new(
        AccountBuilder.AccountId,
        PriorVersion,
        VerdictSummary.Of(open.ContainsKey(IncidentKind.Coverage) ? Fail : Pass),
        Now.AddDays(-3),
        Now.AddMinutes(-10),
        open,
        null,
        false);

    private sealed record KindCase(
        string Description,
        IReadOnlyDictionary<string, string> Open,
        Verdict Verdict,
        bool Shortfall,
        IReadOnlyList<(string Kind, IncidentAction Action)> Changes,
        IReadOnlyList<string> OpenAfter);
}
