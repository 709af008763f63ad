using System.Net;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// `driftwatch watch` with DriftWatch:Health:Port set, as a real process, with AWS (moto) behind a gate that can take it
/// away: /healthz stays 200 through an outage, /readyz is 503 while AWS is gone and 200 once it is back, /metrics
/// counts an event from the queue to the SOC's notice, and `driftwatch health` says the same as /healthz.
/// </summary>
public sealed class HealthEndpointsEndToEndTests(MotoFixture moto) : MotoTest(moto)
{
    private const string Trail = "org-audit";
    private const string Home = "eu-west-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task ReadinessFallsWhileAwsIsAwayAndReturnsAfterwardsWhileLivenessHolds()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await using var gate = AwsGate.Start(_moto.Endpoint);
        using var port = WorkerPort.Free();
        await using var worker = Driftwatch.Start(gate.Endpoint, CentralStack.Region, ["watch"], Settings(gate, port));
        await worker.WaitForOutputAsync("Listening on queue driftwatch-events", Patience);

        var ready = await port.UntilAsync("/readyz", HttpStatusCode.OK, Patience);
        Assert.Contains("\"status\":\"ready\"", ready, StringComparison.Ordinal);
        Assert.Equal(0, (await Health(gate, port)).ExitCode);

        gate.Down = true;
        var down = DateTime.UtcNow;
        // Both halves notice: the receive loop's next receive fails, and so does the outbox's next DynamoDB poll.
        await port.UntilAsync(
            "/readyz", HttpStatusCode.ServiceUnavailable, Outage, body => body.Contains("SQS: the last receive failed", StringComparison.Ordinal)
            && body.Contains("DynamoDB: the last call failed", StringComparison.Ordinal));
        while (DateTime.UtcNow - down < Outage)
        {
            var (status, body) = await port.GetAsync("/healthz");
            Assert.True(status == HttpStatusCode.OK, $"liveness failed during the outage: {(int)status} {body}");
            await Task.Delay(500);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await port.GetAsync("/readyz")).Status);
        gate.Down = false;

        // The receive loop backs off while AWS is away (2, 4, 8 s...): give it one full pause and a receive.
        await port.UntilAsync("/readyz", HttpStatusCode.OK, Patience);
        Assert.Contains("\"status\":\"alive\"", await port.UntilAsync("/healthz", HttpStatusCode.OK, Patience), StringComparison.Ordinal);
        var result = await Health(gate, port, "--ready");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, (await Health(gate, port)).ExitCode); // nothing answers any more
    }

    private const string Opened = """driftwatch_incidents_opened_total{kind="coverage"}""";

    [Fact]
    public async Task MetricsCountAnEventFromTheQueueToTheSocsNotice()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await Account.TrailAsync(Trail, Home);
        await using var gate = AwsGate.Start(_moto.Endpoint);
        await using var webhook = new WebhookReceiver();
        using var port = WorkerPort.Free();
        var settings = Settings(gate, port);
        settings["DriftWatch__Incidents__Webhook__Url"] = webhook.Url.ToString();
        await using var worker = Driftwatch.Start(gate.Endpoint, CentralStack.Region, ["watch"], settings);
        await worker.WaitForOutputAsync("Swept 1 accounts", Patience);
        var before = await port.ScrapeAsync();
        Assert.Equal(1, WorkerPort.Value(before, """driftwatch_evaluations_total{result="pass"}"""));

        await Account.CloudTrail.StopLoggingAsync(Trail, Home);
        await stack.PublishAsync("StopLogging", Home, Trail);
        await webhook.WaitForAsync("incident.opened", Patience);
        await worker.WaitForOutputAsync("Webhook accepted incident.opened", Patience);

        // A scrape is one point in time: the log line can come before the last counter of its evaluation is read, and
        // the outbox depth is as of the retrier's last poll. Scrape until the incident is counted and the outbox seen
        // empty (bounded), then every figure must agree.
        var after = await port.ScrapeAsync();
        for (var deadline = DateTime.UtcNow + Patience;
             (WorkerPort.Value(after, Opened) <= WorkerPort.Value(before, Opened) || WorkerPort.Value(after, "driftwatch_outbox_depth") > 0) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(200);
            after = await port.ScrapeAsync();
        }

        double Moved(string series) => WorkerPort.Value(after, series) - WorkerPort.Value(before, series);
        Assert.Equal(1, Moved("driftwatch_messages_received_total"));
        Assert.Equal(1, Moved("""driftwatch_evaluations_total{result="fail"}"""));
        Assert.Equal(1, Moved("""driftwatch_transitions_total{from="pass",to="fail"}"""));
        Assert.Equal(1, Moved(Opened));
        Assert.Equal(1, Moved("""driftwatch_notices_delivered_total{sink="webhook",type="incident.opened"}"""));
        Assert.Equal(1, Moved("""driftwatch_visible_to_notified_seconds_count{sink="webhook"}"""));
        Assert.Equal(2, WorkerPort.Value(after, """driftwatch_evaluation_duration_seconds_bucket{result="fail",le="+Inf"}""")
            + WorkerPort.Value(after, """driftwatch_evaluation_duration_seconds_bucket{result="pass",le="+Inf"}"""));
        Assert.Equal(0, WorkerPort.Value(after, "driftwatch_outbox_depth"));
        Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private static Dictionary<string, string> Settings(AwsGate gate, WorkerPort port) => new()
    {
        ["DriftWatch__Aws__EndpointUrl"] = gate.Endpoint.ToString(),
        ["DriftWatch__Aws__Region"] = CentralStack.Region,
        ["DriftWatch__Aws__MaxAttempts"] = "2",
        ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
        ["DriftWatch__Sweep__Interval"] = "01:00:00",
        ["DriftWatch__Incidents__Outbox__PollInterval"] = "00:00:01",
        ["DriftWatch__Health__Port"] = port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Task<CliResult> Health(AwsGate gate, WorkerPort port, params string[] arguments) =>
        Driftwatch.RunAsync(gate.Endpoint, CentralStack.Region, ["health", "--port", port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);
}
