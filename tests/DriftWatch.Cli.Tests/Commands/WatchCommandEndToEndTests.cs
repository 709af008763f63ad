using System.Text.Json;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>
/// `driftwatch watch` as a real process against the deployed stack in moto: a StopLogging event becomes a recorded
/// transition (read back by `history` in another process) and a webhook notice; SIGTERM stops it cleanly; and at the
/// most verbose level neither the webhook's URL nor its secret appears in anything it wrote.
/// </summary>
public sealed class WatchCommandEndToEndTests(MotoFixture moto) : MotoTest(moto)
{
    private const string Trail = "org-audit";
    private const string Home = "eu-west-1";
    private const string PathToken = "tok-5f0c9e1d7a";
    private const string Secret = "whsec-91b3e0c2d4";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task ProcessesAStopLoggingEventEndToEndAndStopsOnSigterm()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await Account.TrailAsync(Trail, Home);
        await using var webhook = new WebhookReceiver($"hooks/{PathToken}");
        var settings = new Dictionary<string, string>(stack.Settings)
        {
            ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
            ["DriftWatch__Sweep__Interval"] = "01:00:00",
            ["DriftWatch__Incidents__Webhook__Url"] = webhook.Url.ToString(),
            ["DriftWatch__Incidents__Webhook__Secret"] = Secret,
            ["DriftWatch__Logging__Level"] = "Verbose",
        };

        await using var worker = Driftwatch.Start(_moto.Endpoint, CentralStack.Region, ["watch"], settings);
        await worker.WaitForOutputAsync("Listening on queue driftwatch-events", Patience);
        await UntilAsync(stack, "the start-up sweep's pass", rows => rows.Any(r => r.GetProperty("to").GetString() == "pass"));

        await Account.CloudTrail.StopLoggingAsync(Trail, Home);
        await stack.PublishAsync("StopLogging", Home, Trail);

        var failed = await UntilAsync(stack, "the fail transition", rows => rows.Length > 0 && rows[0].GetProperty("to").GetString() == "fail");
        Assert.Equal("pass", failed[0].GetProperty("from").GetString());
        Assert.Equal("StopLogging", failed[0].GetProperty("cause").GetProperty("events")[0].GetProperty("eventName").GetString());
        await worker.WaitForOutputAsync("Webhook accepted incident.opened", Patience);
        Assert.Contains(webhook.Seen, d => d.Type == "incident.opened");

        var exitCode = await worker.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{worker.Output}");
        Assert.Contains("DriftWatch stopped", worker.Output, StringComparison.Ordinal);
        Assert.Contains(" DBG ", worker.Output, StringComparison.Ordinal); // the low level really applied
        Assert.DoesNotContain(PathToken, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(webhook.Url.Authority + "/hooks", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsCompactJsonWhenAsked()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        var settings = new Dictionary<string, string>(stack.Settings)
        {
            ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
            ["DriftWatch__Logging__Format"] = "json",
        };

        await using var worker = Driftwatch.Start(_moto.Endpoint, CentralStack.Region, ["watch"], settings);
        await worker.WaitForOutputAsync("Listening on queue", Patience);
        Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(30)));

        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.True(document.RootElement.TryGetProperty("@t", out _), line);
            Assert.True(document.RootElement.TryGetProperty("@mt", out _), line);
        }
    }

    private async Task<JsonElement[]> UntilAsync(CentralStack stack, string what, Func<JsonElement[], bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement[] rows;
        do
        {
            var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["history", "--output", "json"], stack.Settings);
            Assert.True(result.ExitCode == 0, result.ToString());
            rows = result.Json().EnumerateArray().ToArray();
            if (condition(rows))
            {
                return rows;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what} was not in history within {Patience.TotalSeconds} s: {JsonSerializer.Serialize(rows)}");
    }
}
