using System.Text.Json;
using Amazon.SQS;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// SIGTERM, sent by PID to a real `driftwatch watch`, while it evaluates a StopLogging event whose CloudTrail reads the
/// gate holds back: an evaluation that fits in DriftWatch:Shutdown:Timeout finishes (its transition is recorded, its
/// message deleted); one that does not is abandoned and its message goes back to the queue, never deleted. Exit 0
/// either way.
/// </summary>
public sealed class GracefulShutdownTests(MotoFixture moto) : MotoTest(moto)
{
    private const string Trail = "org-audit";
    private const string Home = "eu-west-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task AnEvaluationRunningAtSigtermFinishesAndOnlyThenIsItsMessageDeleted()
    {
        // Three CloudTrail reads of 1.5 s each: ~4.5 s of evaluation left at the signal, well within the default 25 s.
        var (worker, stack, gate) = await StartEvaluatingAsync(TimeSpan.FromSeconds(1.5), shutdownTimeout: null);
        await using var running = worker;
        await using var held = gate;

        var exitCode = await worker.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{worker.Output}");
        Assert.Contains("DriftWatch stopped", worker.Output, StringComparison.Ordinal);
        var history = await HistoryAsync(stack);
        Assert.Equal("fail", history[0].GetProperty("to").GetString());
        Assert.Equal("StopLogging", history[0].GetProperty("cause").GetProperty("events")[0].GetProperty("eventName").GetString());
        Assert.Equal(0, await QueueDepthAsync());
    }

    [Fact]
    public async Task AnEvaluationThatOutlastsTheShutdownTimeoutIsAbandonedAndItsMessageReturnsToTheQueue()
    {
        // Three reads of 4 s each against a 2 s budget: the drain gives up and hands the message back.
        var (worker, stack, gate) = await StartEvaluatingAsync(TimeSpan.FromSeconds(4), shutdownTimeout: "00:00:02");
        await using var running = worker;
        await using var held = gate;

        var stopping = DateTime.UtcNow;
        var exitCode = await worker.TerminateAsync(TimeSpan.FromSeconds(20));
        var took = DateTime.UtcNow - stopping;

        Assert.True(exitCode == 0, $"exit {exitCode}\n{worker.Output}");
        Assert.True(took < TimeSpan.FromSeconds(6), $"took {took.TotalSeconds} s to stop with a 2 s timeout");
        var history = await HistoryAsync(stack);
        Assert.DoesNotContain(history, row => row.GetProperty("to").GetString() == "fail");
        using var sqs = Sqs();
        var url = (await sqs.GetQueueUrlAsync("driftwatch-events")).QueueUrl;
        var visible = await sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["ApproximateReceiveCount"] });
        var message = Assert.Single(visible.Messages ?? []);
        Assert.Contains("StopLogging", message.Body, StringComparison.Ordinal);
        Assert.Equal("2", message.Attributes["ApproximateReceiveCount"]); // the worker's receive, then this one
    }

    /// <summary>
    /// A worker that has swept (pass recorded), then a StopLogging event whose evaluation is under way (its first
    /// CloudTrail read has reached the gate) when this returns.
    /// </summary>
    private async Task<(ChildProcess Worker, CentralStack Stack, AwsGate Gate)> StartEvaluatingAsync(TimeSpan cloudTrailDelay, string? shutdownTimeout)
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await Account.TrailAsync(Trail, Home);
        var gate = AwsGate.Start(_moto.Endpoint);
        var settings = new Dictionary<string, string>
        {
            ["DriftWatch__Aws__EndpointUrl"] = gate.Endpoint.ToString(),
            ["DriftWatch__Aws__Region"] = CentralStack.Region,
            ["DriftWatch__Aws__MaxAttempts"] = "2",
            ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
            ["DriftWatch__Sweep__Interval"] = "01:00:00",
        };
        if (shutdownTimeout is not null)
        {
            settings["DriftWatch__Shutdown__Timeout"] = shutdownTimeout;
        }

        var worker = Driftwatch.Start(gate.Endpoint, CentralStack.Region, ["watch"], settings);
        await worker.WaitForOutputAsync("Swept 1 accounts", Patience);
        Assert.Equal("pass", (await HistoryAsync(stack))[0].GetProperty("to").GetString());

        gate.CloudTrailDelay = cloudTrailDelay;
        var readsSoFar = gate.CloudTrailCalls;
        await Account.CloudTrail.StopLoggingAsync(Trail, Home);
        await stack.PublishAsync("StopLogging", Home, Trail);
        var deadline = DateTime.UtcNow + Patience;
        while (gate.CloudTrailCalls == readsSoFar)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the event's evaluation never read CloudTrail:\n{worker.Output}");
            await Task.Delay(20);
        }

        return (worker, stack, gate);
    }

    private async Task<JsonElement[]> HistoryAsync(CentralStack stack)
    {
        var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["history", "--output", "json"], stack.Settings);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json().EnumerateArray().ToArray();
    }

    private async Task<int> QueueDepthAsync()
    {
        using var sqs = Sqs();
        return await WorkerRecords.DepthAsync(sqs);
    }

    private AmazonSQSClient Sqs() => new(MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = _moto.Endpoint.ToString(), AuthenticationRegion = CentralStack.Region });
}
