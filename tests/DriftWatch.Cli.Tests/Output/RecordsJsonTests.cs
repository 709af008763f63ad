using System.Text.Json;
using DriftWatch.Cli.Output;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Tests.Output;

/// <summary>The JSON contract of `history` and `incidents`: field names, always present, control characters escaped.</summary>
public sealed class RecordsJsonTests
{
    private const string HostileAgent = "agent\u001b[31m-red";

    [Fact]
    public void ATransitionHasRecordKindAccountFromToAtCauseBeforeAndAfter()
    {
        var (_, decision, _) = SampleRecords.FirstFailure(SampleRecords.StopLogging("arn:aws:iam::123456789012:user/mallory", HostileAgent));
        var json = Write(w => RecordsJson.Write([decision.Transition!], w));

        var row = Assert.Single(json.EnumerateArray().ToList());
        Assert.Equal(["record", "kind", "account", "from", "to", "at", "cause", "before", "after"], Names(row));
        Assert.Equal(("transition", "coverage"), (row.GetProperty("record").GetString(), row.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("from").ValueKind);
        Assert.Equal("fail", row.GetProperty("to").GetString());
        Assert.Equal("2026-01-31T09:00:00Z", row.GetProperty("at").GetString());
        Assert.Equal(["kind", "events"], Names(row.GetProperty("cause")));
        var e = Assert.Single(row.GetProperty("cause").GetProperty("events").EnumerateArray().ToList());
        Assert.Equal(["eventName", "eventId", "eventTime", "region", "actor", "sourceIp", "userAgent"], Names(e));
        Assert.Equal(HostileAgent, e.GetProperty("userAgent").GetString());
        Assert.Equal(["status", "trails", "reasons", "remediation", "errors", "exceptionRationale"], Names(row.GetProperty("after")));
        Assert.Equal("fail", row.GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public void AnIncidentHasIdAccountStatusKindTimesCauseReasonsAndRemediation()
    {
        var (_, _, incident) = SampleRecords.FirstFailure(SampleRecords.StopLogging("arn:aws:iam::123456789012:user/mallory", "aws-cli/2"));
        var resolved = incident with { ResolvedAt = SampleRecords.At.AddMinutes(5), ResolvedBy = EvaluationCause.Sweep };
        var json = Write(w => RecordsJson.Write([resolved, incident], w));

        var rows = json.EnumerateArray().ToList();
        Assert.Equal(["id", "account", "status", "kind", "openedAt", "resolvedAt", "cause", "resolvedBy", "reasons", "remediation"], Names(rows[0]));
        Assert.Equal("coverage", rows[0].GetProperty("kind").GetString());
        Assert.Equal("resolved", rows[0].GetProperty("status").GetString());
        Assert.Equal("sweep", rows[0].GetProperty("resolvedBy").GetProperty("kind").GetString());
        Assert.Equal("open", rows[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("resolvedAt").ValueKind);
        Assert.Equal("StopLogging", rows[1].GetProperty("cause").GetProperty("events")[0].GetProperty("eventName").GetString());
        Assert.Equal("aws cloudtrail start-logging --name org-audit --region eu-west-1", rows[1].GetProperty("remediation")[0].GetString());
    }

    [Fact]
    public void NoRawControlCharacterReachesTheDocument()
    {
        var (_, decision, incident) = SampleRecords.FirstFailure(SampleRecords.StopLogging("arn:aws:iam::123456789012:user/\u001b]0;pwned\u0007", HostileAgent));
        var text = new StringWriter();
        RecordsJson.Write([decision.Transition!], text);
        RecordsJson.Write([incident], text);

        Assert.DoesNotContain('\u001b', text.ToString());
        Assert.DoesNotContain('\u0007', text.ToString());
    }

    [Fact]
    public void NothingRecordedIsAnEmptyArray() =>
        Assert.Equal(0, Write(w => RecordsJson.Write(Array.Empty<Transition>(), w)).GetArrayLength());

    private static JsonElement Write(Action<TextWriter> write)
    {
        var text = new StringWriter();
        write(text);
        using var document = JsonDocument.Parse(text.ToString());
        return document.RootElement.Clone();
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
