using System.Text.Json;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Core.Monitoring;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`history` and `incidents` as processes, reading records written to the deployed tables.</summary>
public sealed class ReadCommandsTests(MotoFixture moto) : MotoTest(moto)
{
    private const string HostileActor = "arn:aws:iam::123456789012:user/\u001b[31mmallory";
    private const string HostileAgent = "aws-cli/2 \u001b[31m\u001b]0;pwned\u0007";

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task HistoryTextShowsAHostileActorAndUserAgentWithoutAnyEscape()
    {
        var stack = await RecordHostileFailureAsync();

        var result = await RunAsync(stack, "history");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
        Assert.DoesNotContain('\u0007', result.Stdout);
        Assert.Contains("\\u001b[31mmallory", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\\u001b]0;pwned\\u0007", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("StopLogging", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentsTextShowsAHostileActorAndUserAgentWithoutAnyEscape()
    {
        var stack = await RecordHostileFailureAsync();

        var result = await RunAsync(stack, "incidents", "--open");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
        Assert.Contains("\\u001b[31mmallory", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("open", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("aws cloudtrail start-logging --name org-audit --region eu-west-1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryJsonFiltersByAccountAndSince()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await RecordAsync(stack, SampleRecords.FirstFailure(SampleRecords.StopLogging("arn:aws:iam::123456789012:user/a", "ua"), at: DateTimeOffset.UtcNow.AddDays(-3)));
        await RecordAsync(stack, SampleRecords.FirstFailure(SampleRecords.StopLogging("arn:aws:iam::210987654321:user/b", "ua", SampleRecords.OtherAccount), account: SampleRecords.OtherAccount, at: DateTimeOffset.UtcNow.AddMinutes(-5)));

        var all = (await RunAsync(stack, "history", "--output", "json")).Json();
        var recent = (await RunAsync(stack, "history", "--since", "1h", "--output", "json")).Json();
        var one = (await RunAsync(stack, "history", "--account", MotoAws.AccountId, "--output", "json")).Json();

        Assert.Equal([SampleRecords.OtherAccount, MotoAws.AccountId], Accounts(all));
        Assert.Equal([SampleRecords.OtherAccount], Accounts(recent));
        Assert.Equal([MotoAws.AccountId], Accounts(one));
    }

    [Fact]
    public async Task IncidentsJsonListsOnlyOpenOnesWhenAsked()
    {
        var stack = await RecordHostileFailureAsync();

        var open = (await RunAsync(stack, "incidents", "--open", "--output", "json")).Json();

        var incident = Assert.Single(open.EnumerateArray().ToList());
        Assert.Equal("open", incident.GetProperty("status").GetString());
        Assert.Equal(HostileActor, incident.GetProperty("cause").GetProperty("events")[0].GetProperty("actor").GetString());
        Assert.Equal(HostileAgent, incident.GetProperty("cause").GetProperty("events")[0].GetProperty("userAgent").GetString());
    }

    [Fact]
    public async Task HistoryShowsADeniedAttemptBesideTheTransitionsWithItsKindAndErrorCode()
    {
        var stack = await RecordHostileFailureAsync();
        var refused = new TriggerEvent("LeaveOrganization", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", DateTimeOffset.UtcNow, "us-east-1", MotoAws.AccountId,
            HostileActor, "AssumedRole", "198.51.100.23", HostileAgent, null, ErrorCode: "AccessDenied");
        await stack.RecordAttemptAsync(DeniedAttempt.Decide(refused, null, DateTimeOffset.UtcNow)!);

        var text = await RunAsync(stack, "history");
        var json = (await RunAsync(stack, "history", "--output", "json")).Json().EnumerateArray().ToList();

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.DoesNotContain('\u001b', text.Stdout);
        Assert.Contains("denied attempt", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("LeaveOrganization", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused with AccessDenied", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(["attempt", "transition"], json.Select(e => e.GetProperty("record").GetString()));
        var attempt = json[0];
        Assert.Equal(
            ("coverage", "LeaveOrganization", HostileActor, "198.51.100.23", "us-east-1", "AccessDenied"),
            (attempt.GetProperty("kind").GetString(), attempt.GetProperty("call").GetString(), attempt.GetProperty("actor").GetString(),
             attempt.GetProperty("sourceIp").GetString(), attempt.GetProperty("region").GetString(), attempt.GetProperty("errorCode").GetString()));
        Assert.Equal(("coverage", "fail"), (json[1].GetProperty("kind").GetString(), json[1].GetProperty("to").GetString()));
    }

    [Fact]
    public async Task IncidentsShowTheirKind()
    {
        var stack = await RecordHostileFailureAsync();

        var text = await RunAsync(stack, "incidents");
        var json = (await RunAsync(stack, "incidents", "--output", "json")).Json();

        Assert.Contains("OPEN coverage", text.Stdout, StringComparison.Ordinal);
        Assert.Equal("coverage", Assert.Single(json.EnumerateArray().ToList()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ReadingBeforeAnythingIsRecordedPrintsAnEmptyArray()
    {
        var stack = await CentralStack.DeployAsync(_moto);

        var result = await RunAsync(stack, "history", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, result.Json().GetArrayLength());
    }

    [Fact]
    public async Task MissingTablesExit2WithTheReason()
    {
        // Not deployed: the tables do not exist.
        var result = await RunAsync(new CentralStack(_moto), "incidents");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("could not read DriftWatch's records", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<CentralStack> RecordHostileFailureAsync()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await RecordAsync(stack, SampleRecords.FirstFailure(SampleRecords.StopLogging(HostileActor, HostileAgent)));
        return stack;
    }

    private static Task RecordAsync(CentralStack stack, (Core.Monitoring.AccountState Previous, Core.Monitoring.StateDecision Decision, Core.Monitoring.Incident Opened) record) =>
        stack.RecordAsync(record.Previous, record.Decision);

    private Task<CliResult> RunAsync(CentralStack stack, params string[] arguments) =>
        Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, arguments, stack.Settings);

    private static List<string> Accounts(JsonElement rows) => rows.EnumerateArray().Select(r => r.GetProperty("account").GetString()!).ToList();
}
