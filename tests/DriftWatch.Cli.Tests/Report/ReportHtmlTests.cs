using System.Text.RegularExpressions;
using DriftWatch.Cli.Report;
using DriftWatch.Core.Waivers;
using static DriftWatch.Core.Evaluation.ComplianceStatus;
using static DriftWatch.Cli.Tests.Report.SampleCoverage;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>The HTML page: self-contained, every recorded string encoded, short gaps still drawn.</summary>
public sealed partial class ReportHtmlTests
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;\u001b[2J";

    [Fact]
    public void EncodesEveryRecordedStringWhereverItAppears()
    {
        var waiver = new Waiver(Account, ["eu-west-1"], Hostile, Hostile, Hostile, new DateOnly(2099, 1, 1), 1);
        var report = Of(
            [T(TimeSpan.FromDays(1), Fail, Hostile, actor: Hostile, reason: Hostile, sourceIp: Hostile), T(TimeSpan.FromDays(2), Pass, Hostile, actor: Hostile)],
            waivers: [waiver]);

        var html = Render(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=alert(1)>", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', html);
        Assert.True(Regex.Count(html, "&lt;script&gt;") >= 8, "the hostile text should appear, encoded, as cause, actor, source IP, resolver, reason and exception fields");
    }

    [Fact]
    public void FetchesNothingAndRunsNothing()
    {
        var html = Render(Of([T(TimeSpan.FromDays(1), Fail, "StopLogging"), T(TimeSpan.FromDays(2), Pass, "StartLogging")]));

        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheLegendTheControlsMappingAndTheVersion()
    {
        var html = Render(Of([]));

        foreach (var state in TimelineColours.Legend)
        {
            Assert.Contains($"fill=\"{TimelineColours.Of(state)}\"/></svg>{HtmlText.Of(TimelineColours.Label(state))}", html, StringComparison.Ordinal);
        }

        Assert.Equal(4, TimelineColours.Legend.Select(TimelineColours.Of).Distinct().Count());
        Assert.Contains("A.8.15 Logging", html, StringComparison.Ordinal);
        Assert.Contains("<strong>3.1</strong>", html, StringComparison.Ordinal);
        Assert.Contains("CloudTrail.1", html, StringComparison.Ordinal);
        Assert.Contains(HtmlText.Of(ProductVersion.Current), html, StringComparison.Ordinal);
    }

    [Fact]
    public void DrawsAFiveMinuteGapInATenDayWindowWideEnoughToSeeWithItsTimes()
    {
        var html = Render(Of([T(TimeSpan.FromDays(5), Fail, "StopLogging"), T(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(5), Pass, "StartLogging")]));

        var gap = GapRect().Match(html);
        Assert.True(gap.Success, "no gap drawn");
        Assert.Equal(HtmlTimeline.MinimumCells, int.Parse(gap.Groups["width"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("gap (control failed): 2026-01-06 00:00:00Z to 2026-01-06 00:05:00Z (5m 00s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsABusyWindowWithinTheBarsWidthAndListsItsLongestGaps()
    {
        // 1,400 stretches in 10 days: a gap every 20 minutes, more than the bar has cells.
        var busy = Enumerable.Range(0, 700).SelectMany(i => new[]
        {
            T(TimeSpan.FromMinutes((20 * i) + 1), Fail, "StopLogging"),
            T(TimeSpan.FromMinutes((20 * i) + 2), Pass, "StartLogging"),
        }).ToList();

        var html = Render(Of(busy));

        var bar = html[html.IndexOf("<svg class=\"timeline\"", StringComparison.Ordinal)..];
        bar = bar[..bar.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.InRange(Regex.Count(bar, "<rect "), 1, HtmlTimeline.Cells);
        Assert.Contains("stretches between", bar, StringComparison.Ordinal);
        Assert.Equal(ReportHtml.MostGapsListed, Regex.Count(html, "<tr><td class=\"mono nowrap\">123456789012</td><td class=\"nowrap\">coverage</td>"));
        Assert.Contains($"The {ReportHtml.MostGapsListed} longest of this account's 700 gaps are listed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SaysAGapIsStillOpen()
    {
        var html = Render(Of([T(TimeSpan.FromDays(8), Fail, "StopLogging")], now: Since.AddDays(9)));

        Assert.Contains("still open", html, StringComparison.Ordinal);
        Assert.Contains(">open<", html, StringComparison.Ordinal);
    }

    private static string Render(Core.Reporting.CoverageReport report)
    {
        using var writer = new StringWriter();
        ReportHtml.Write(report, writer);
        return writer.ToString();
    }

    [GeneratedRegex(@"\b(src|href|srcset|action|xlink:href)\s*=|url\(|@import|<script|<link|<iframe|<object", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<rect x=\"[0-9]+\" y=\"0\" width=\"(?<width>[0-9]+)\" height=\"18\" fill=\"#e03131\"")]
    private static partial Regex GapRect();
}
