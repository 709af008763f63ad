using System.Text.Json;
using DriftWatch.Cli.Report;
using static DriftWatch.Core.Evaluation.ComplianceStatus;
using static DriftWatch.Cli.Tests.Report.SampleCoverage;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>The JSON contract: its field names, always present, and an open gap's null end.</summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void WritesExactlyTheContractsFieldsEvenWhenTheyAreNull()
    {
        var waiver = new Core.Waivers.Waiver(Account, ["eu-west-1"], "EU only", "SCP", "sec@example.com", new DateOnly(2099, 1, 1), 1);
        var document = Render(Of([T(TimeSpan.FromDays(8), Fail, "StopLogging")], now: Since.AddDays(9), waivers: [waiver]));

        Assert.Equal(["generatedAt", "since", "until", "accounts", "summary"], Names(document));
        var account = document.GetProperty("accounts")[0];
        Assert.Equal(["account", "status", "coveragePercent", "evaluatedSeconds", "compliantSeconds", "errorSeconds", "gaps", "exceptions"], Names(account));
        var gap = account.GetProperty("gaps")[0];
        Assert.Equal(["kind", "from", "to", "durationSeconds", "cause", "resolvedBy", "reasons"], Names(gap));
        Assert.Equal(["kind", "eventName", "actor", "sourceIp", "region", "eventTime"], Names(gap.GetProperty("cause")));
        Assert.Equal(["regions", "rationale", "compensatingControls", "owner", "expires"], Names(account.GetProperty("exceptions")[0]));
        Assert.Equal(["accounts", "coveredWholeWindow", "coveredWholeWindowPercent", "worstAccount", "meanTimeToRestoreSeconds", "restoredGaps"], Names(document.GetProperty("summary")));

        Assert.Equal(JsonValueKind.Null, gap.GetProperty("to").ValueKind);
        Assert.Equal(JsonValueKind.Null, gap.GetProperty("resolvedBy").ValueKind);
        Assert.Equal(86400, gap.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("summary").GetProperty("meanTimeToRestoreSeconds").ValueKind);
        Assert.Equal("fail", account.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T00:00:00Z", document.GetProperty("since").GetString());
    }

    [Fact]
    public void ASweepCauseHasItsKindAndNothingElse()
    {
        var document = Render(Of([T(TimeSpan.FromDays(1), Fail), T(TimeSpan.FromDays(2), Pass)]));

        var cause = document.GetProperty("accounts")[0].GetProperty("gaps")[0].GetProperty("cause");
        Assert.Equal("sweep", cause.GetProperty("kind").GetString());
        Assert.All(new[] { "eventName", "actor", "sourceIp", "region", "eventTime" }, name => Assert.Equal(JsonValueKind.Null, cause.GetProperty(name).ValueKind));
    }

    [Fact]
    public void RoundsCoverageDownSoThatOnlyFullCoverageReadsAsAHundred()
    {
        // One second failing in ten days: 99.9998 %.
        var document = Render(Of([T(TimeSpan.FromDays(1), Fail, "StopLogging"), T(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1), Pass)]));

        Assert.Equal(99.99, document.GetProperty("accounts")[0].GetProperty("coveragePercent").GetDouble());
    }

    private static JsonElement Render(Core.Reporting.CoverageReport report)
    {
        using var writer = new StringWriter();
        ReportJson.Write(report, writer);
        using var json = JsonDocument.Parse(writer.ToString());
        return json.RootElement.Clone();
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
