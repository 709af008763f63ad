using DriftWatch.Cli.Report;
using static DriftWatch.Core.Evaluation.ComplianceStatus;
using static DriftWatch.Cli.Tests.Report.SampleCoverage;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>The terminal summary: each account's figures and gaps, and a busy account's longest gaps only.</summary>
public sealed class ReportTextTests
{
    [Fact]
    public void ListsTheLongestGapsOfABusyAccountAndSaysWhereTheRestAre()
    {
        // 30 gaps of 1 to 30 minutes; the 20 longest are 11 to 30 minutes.
        var busy = Enumerable.Range(1, 30).SelectMany(i => new[]
        {
            T(TimeSpan.FromHours(5 * i), Fail, "StopLogging"),
            T(TimeSpan.FromHours(5 * i) + TimeSpan.FromMinutes(i), Pass, "StartLogging"),
        }).ToList();

        var text = Render(Of(busy));

        Assert.Contains($"the {ReportText.MostGapsListed} longest of 30 gaps", text, StringComparison.Ordinal);
        Assert.Contains("30m 00s", text, StringComparison.Ordinal);
        Assert.Contains("11m 00s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("10m 00s", text, StringComparison.Ordinal);
    }

    private static string Render(Core.Reporting.CoverageReport report)
    {
        using var writer = new StringWriter();
        ReportWriter.Write(report, ReportFormat.Text, writer, toTerminal: false);
        return writer.ToString();
    }
}
