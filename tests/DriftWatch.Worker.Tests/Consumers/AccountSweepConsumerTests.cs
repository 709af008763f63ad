using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Consumers;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Tests.Support;
using MassTransit.Testing;

namespace DriftWatch.Worker.Tests.Consumers;

/// <summary>The sweep consumer through MassTransit's test harness: a sweep evaluation, answered like any other.</summary>
public sealed class AccountSweepConsumerTests
{
    [Fact]
    public async Task EvaluatesTheAccountWithTheSweepAsItsCauseAndAnswersWithTheVerdict()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var answer = harness.Client<AccountSweepDue>().GetResponse<AccountEvaluated>(new AccountSweepDue("111111111111"));

        var evaluation = await harness.Evaluation.NextAsync();
        Assert.Equal(EvaluationCause.Sweep, evaluation.Cause());
        evaluation.Finish(ComplianceStatus.Pass);

        Assert.Equal(new AccountEvaluated("111111111111", ComplianceStatus.Pass), (await answer).Message);
        Assert.True(await harness.Harness.GetConsumerHarness<AccountSweepConsumer>().Consumed.Any<AccountSweepDue>());
    }

    [Fact]
    public async Task ConsumesNoMoreAccountsAtOnceThanTheSweepsConcurrency()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var client = harness.Client<AccountSweepDue>();
        var limit = new SweepOptions().Concurrency;
        var answers = Enumerable.Range(1, limit + 1)
            .Select(n => client.GetResponse<AccountEvaluated>(new AccountSweepDue($"{n:D12}")))
            .ToList();

        var running = new List<ControlledEvaluation.Call>();
        for (var i = 0; i < limit; i++)
        {
            running.Add(await harness.Evaluation.NextAsync());
        }

        Assert.True(await harness.Evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(500)));
        running[0].Finish(ComplianceStatus.Pass);
        running.Add(await harness.Evaluation.NextAsync());
        foreach (var evaluation in running.Skip(1))
        {
            evaluation.Finish(ComplianceStatus.Pass);
        }

        await Task.WhenAll(answers);
        Assert.Equal(limit, harness.Evaluation.MostAtOnce);
    }
}
