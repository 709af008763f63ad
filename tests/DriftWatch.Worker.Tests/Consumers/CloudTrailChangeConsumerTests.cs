using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;
using DriftWatch.Worker.Consumers;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Tests.Support;
using MassTransit;
using MassTransit.Testing;

namespace DriftWatch.Worker.Tests.Consumers;

/// <summary>
/// The change consumer through MassTransit's test harness: it answers every request with what the evaluation found,
/// "could not evaluate" included, and its definition holds its concurrency and its retry of transient faults. A call AWS
/// refused goes to the attempt path (or nowhere) and is never evaluated.
/// </summary>
public sealed class CloudTrailChangeConsumerTests
{
    private const string Account = "111111111111";

    [Fact]
    public async Task AnswersWithTheVerdictOfTheEvaluationTheChangeCaused()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("e1"));

        var evaluation = await harness.Evaluation.NextAsync();
        Assert.Equal(Account, evaluation.AccountId);
        Assert.Equal(["e1"], evaluation.CauseEventIds());
        evaluation.Finish(ComplianceStatus.Fail);

        var evaluated = (await answer).Message;
        Assert.Equal(new AccountEvaluated(Account, ComplianceStatus.Fail), evaluated);
        Assert.False(evaluated.CouldNotEvaluate);
        Assert.True(await harness.Harness.GetConsumerHarness<CloudTrailChangeConsumer>().Consumed.Any<CloudTrailChangeObserved>());
    }

    [Theory]
    [InlineData("DisableRule")]
    [InlineData("RemoveTargets")]
    [InlineData("DeleteStack")]
    public async Task AChangeToARuleOrAStackReChecksThatRegionsForwarderAndReadsNoTrail(string eventName)
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var change = Triggers.StopLogging(Account, "e1") with { EventName = eventName, Region = "ap-southeast-2" };

        var answer = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(new CloudTrailChangeObserved(change));

        Assert.False(answer.Message.CouldNotEvaluate);
        var (account, region, cause) = Assert.Single(harness.Monitor.Checked);
        Assert.Equal((Account, "ap-southeast-2", "e1"), (account, region, Assert.Single(cause.Events).EventId));
        Assert.Equal(0, harness.Evaluation.Started);
    }

    [Fact]
    public async Task AForwarderThatCouldNotBeCheckedAnswersCouldNotEvaluateSoTheMessageReturns()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        harness.Monitor.Answer = ForwarderCheck.Unverified("ThrottlingException: slow down");
        var change = Triggers.StopLogging(Account, "e1") with { EventName = "PutRule" };

        var answer = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(new CloudTrailChangeObserved(change));

        Assert.True(answer.Message.CouldNotEvaluate);
    }

    [Fact]
    public async Task WithForwarderChecksOffARuleChangeIsSettledUncheckedAndUnevaluated()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        harness.Monitor.Enabled = false;
        var change = Triggers.StopLogging(Account, "e1") with { EventName = "DisableRule" };

        var answer = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(change));

        Assert.True(answer.Is(out Response<ChangeNotEvaluated>? settled));
        Assert.Contains("DriftWatch:Forwarder:Verify", settled.Message.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Monitor.Checked);
        Assert.Equal(0, harness.Evaluation.Started);
    }

    [Fact]
    public async Task AnswersCouldNotEvaluateAsAResultNotAFault()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("e1"));

        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Error);

        Assert.True((await answer).Message.CouldNotEvaluate);
        Assert.False(await harness.Harness.Published.Any<Fault<CloudTrailChangeObserved>>());
        Assert.Equal(1, harness.Evaluation.Started);
    }

    [Fact]
    public async Task RetriesATransientFaultAndAnswersWithTheNextEvaluation()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("e1"));

        (await harness.Evaluation.NextAsync()).Fault(new InvalidOperationException("DynamoDB is unreachable"));
        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Pass);

        Assert.Equal(ComplianceStatus.Pass, (await answer).Message.Status);
        Assert.Equal(2, harness.Evaluation.Started);
    }

    [Fact]
    public async Task FaultsToTheAskerOnceTheRetriesAreSpent()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("e1"));

        for (var attempt = 0; attempt <= TransientFaultRetry.Intervals.Count; attempt++)
        {
            (await harness.Evaluation.NextAsync()).Fault(new InvalidOperationException("DynamoDB is unreachable"));
        }

        var fault = await Assert.ThrowsAsync<RequestFaultException>(() => answer);
        Assert.Contains("DynamoDB is unreachable", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1 + TransientFaultRetry.Intervals.Count, harness.Evaluation.Started);
    }

    [Fact]
    public async Task ConsumesNoMoreChangesAtOnceThanTheQueuesConcurrency()
    {
        await using var harness = await ConsumerHarness.StartAsync(queueConcurrency: 2);
        var client = harness.Client<CloudTrailChangeObserved>();
        var answers = new[] { "111111111111", "222222222222", "333333333333" }
            .Select(account => client.GetResponse<AccountEvaluated>(new CloudTrailChangeObserved(Triggers.StopLogging(account, $"e-{account}"))))
            .ToList();

        var first = await harness.Evaluation.NextAsync();
        var second = await harness.Evaluation.NextAsync();
        Assert.True(await harness.Evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(500)));

        first.Finish(ComplianceStatus.Pass);
        var third = await harness.Evaluation.NextAsync();
        second.Finish(ComplianceStatus.Pass);
        third.Finish(ComplianceStatus.Pass);

        await Task.WhenAll(answers);
        Assert.Equal(2, harness.Evaluation.MostAtOnce);
    }

    [Fact]
    public async Task ReevaluatesEveryOtherAccountWhenTheChangedAccountOwnsAnOrganizationTrail()
    {
        await using var harness = await ConsumerHarness.StartAsync(accounts: [Account, "222222222222", "333333333333"]);
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("org-change"));

        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Pass, ownsOrganizationTrail: true);
        var members = new[] { await harness.Evaluation.NextAsync(), await harness.Evaluation.NextAsync() };

        Assert.Equal(["222222222222", "333333333333"], members.Select(m => m.AccountId).Order());
        Assert.All(members, m => Assert.Equal(["org-change"], m.CauseEventIds()));
        Assert.All(members, m => Assert.Equal(m.AccountId, m.Cause().Events.Single().AccountId));
        Assert.False(answer.IsCompleted);
        foreach (var member in members)
        {
            member.Finish(ComplianceStatus.Fail);
        }

        Assert.Equal(ComplianceStatus.Pass, (await answer).Message.Status);
    }

    [Fact]
    public async Task LeavesTheMembersAloneWhenTheOwnerCouldNotBeEvaluated()
    {
        await using var harness = await ConsumerHarness.StartAsync(accounts: [Account, "222222222222"]);
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("org-change"));

        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Error, ownsOrganizationTrail: true);

        Assert.True((await answer).Message.CouldNotEvaluate);
        Assert.True(harness.Evaluation.NoneWaiting);
        Assert.Equal(1, harness.Evaluation.Started);
    }

    [Fact]
    public async Task AnswersAnS3EventAboutABucketNoTrailUsesAfterOneDescribeTrailsWithoutEvaluating()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        harness.Trails.Listed.Add(new TrailInfo("audit", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", "eu-west-1", true, false, S3BucketName: "audit-logs"));
        var policy = Triggers.StopLogging(Account, "s3-1") with { EventName = "DeleteBucketPolicy", TrailName = null, BucketName = "website-assets" };

        var response = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(policy));

        Assert.True(response.Is(out Response<ChangeNotEvaluated>? skipped));
        Assert.Equal(Account, skipped.Message.AccountId);
        Assert.Equal(1, harness.Trails.DescribeCalls);
        Assert.Equal(0, harness.Evaluation.Started);
    }

    [Theory]
    [InlineData("PutBucketPolicy", "audit-logs", null)]
    [InlineData("DisableKey", null, "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")]
    [InlineData("ScheduleKeyDeletion", null, "arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")]
    [InlineData("DisableKey", null, "alias/some-key")]
    public async Task EvaluatesAnS3OrKmsEventAboutATrailsBucketOrKeyWithTheEventInTheCause(string eventName, string? bucket, string? key)
    {
        await using var harness = await ConsumerHarness.StartAsync();
        harness.Trails.Listed.Add(new TrailInfo(
            "audit", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit", "eu-west-1", true, false,
            S3BucketName: "audit-logs", KmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"));
        var change = Triggers.StopLogging(Account, "dest-1") with { EventName = eventName, TrailName = null, BucketName = bucket, KeyId = key };
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(change));

        var evaluation = await harness.Evaluation.NextAsync();
        Assert.Equal(["dest-1"], evaluation.CauseEventIds());
        evaluation.Finish(ComplianceStatus.Fail);

        Assert.True((await answer).Is(out Response<AccountEvaluated>? evaluated));
        Assert.Equal(ComplianceStatus.Fail, evaluated.Message.Status);
        Assert.Equal(1, harness.Trails.DescribeCalls);
    }

    [Fact]
    public async Task EvaluatesATrailChangeWithoutListingTrailsFirst()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(Change("e1"));

        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Pass);

        Assert.Equal(ComplianceStatus.Pass, (await answer).Message.Status);
        Assert.Equal(0, harness.Trails.DescribeCalls);
    }

    [Theory]
    [InlineData("StopLogging")]
    [InlineData("LeaveOrganization")]
    [InlineData("PutBucketLifecycle")]
    public async Task SendsARefusedCallThatCouldReduceCoverageToTheAttemptPathAndEvaluatesNothing(string call)
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var refused = Triggers.StopLogging(Account, "denied-1") with { EventName = call, ErrorCode = "AccessDenied" };

        var response = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(refused));

        Assert.True(response.Is(out Response<ChangeNotEvaluated>? acknowledged));
        Assert.Equal(Account, acknowledged.Message.AccountId);
        Assert.Equal([refused], harness.Attempts.Handed);
        Assert.Equal(0, harness.Evaluation.Started);
    }

    [Fact]
    public async Task AcknowledgesAndIgnoresARefusedCallThatCannotReduceCoverage()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var refused = Triggers.StopLogging(Account, "denied-2") with { EventName = "StartLogging", ErrorCode = "AccessDenied" };

        var response = await harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(refused));

        Assert.True(response.Is(out Response<ChangeNotEvaluated>? acknowledged));
        Assert.Equal(Account, acknowledged.Message.AccountId);
        Assert.Empty(harness.Attempts.Handed);
        Assert.Equal(0, harness.Evaluation.Started);
        Assert.True(harness.Evaluation.NoneWaiting);
    }

    [Fact]
    public async Task ACallWithAnEmptyErrorCodeIsAChangeLikeAnyOther()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<CloudTrailChangeObserved>().GetResponse<AccountEvaluated>(
            new CloudTrailChangeObserved(Triggers.StopLogging(Account, "e-empty") with { ErrorCode = "" }));

        (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Fail);

        Assert.Equal(ComplianceStatus.Fail, (await answer).Message.Status);
        Assert.Empty(harness.Attempts.Handed);
    }

    private static CloudTrailChangeObserved Change(string eventId) => new(Triggers.StopLogging(Account, eventId));
}
