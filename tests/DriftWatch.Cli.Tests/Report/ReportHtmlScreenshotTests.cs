using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using Xunit.Abstractions;
using static DriftWatch.Cli.Tests.Report.TwoKnownGaps;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>
/// The HTML report as a browser shows it at 1280 px: rendered by headless Chromium from the file `report --out`
/// wrote, and the screenshot's pixels read back. The gap colour must fill the share of a timeline bar that the gaps
/// take of the window, between that bar's covered stretches.
/// </summary>
public sealed class ReportHtmlScreenshotTests(MotoFixture moto, ITestOutputHelper output) : MotoTest(moto)
{
    private static readonly (byte R, byte G, byte B) GapColour = (0xe0, 0x31, 0x31);
    private static readonly (byte R, byte G, byte B) CoveredColour = (0x2f, 0x9e, 0x44);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task TheGapsShowInTheGapColourOnTheAccountsTimelineAt1280Pixels()
    {
        var stack = await RecordAsync(_moto);
        var page = Path.Combine(Path.GetTempPath(), $"driftwatch-report-{Guid.NewGuid():N}.html");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshot-1280.png");
        File.Delete(screenshot);
        try
        {
            var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--output", "html", "--out", page, .. WindowArguments], stack.Settings);
            Assert.True(result.ExitCode == 0, result.ToString());

            await Chromium.ScreenshotAsync(page, screenshot, 1280, 1800);
            output.WriteLine($"screenshot: {screenshot}");
        }
        finally
        {
            File.Delete(page);
        }

        var png = Png.Read(screenshot);
        Assert.Equal(1280, png.Width);
        var rows = Enumerable.Range(0, png.Height).Select(y => Row(png, y)).ToList();

        // The bar of moto's account: covered and gap in one row, the gap inside the covered stretches, 2.5 h of 8 h.
        var bar = rows.Where(r => r.Gap >= 50 && r.Covered >= 50).ToList();
        Assert.True(bar.Count > 0, "no row of the screenshot has a timeline with both covered and gap pixels");
        Assert.All(bar, r =>
        {
            Assert.InRange(r.FirstGap, r.FirstCovered, r.LastCovered);
            Assert.InRange(r.LastGap, r.FirstCovered, r.LastCovered);
            Assert.InRange((double)r.Gap / (r.Gap + r.Covered), 2.5 / 8 - 0.02, 2.5 / 8 + 0.02);
        });

        // The other account's bar: as wide, covered from end to end, no gap.
        var width = bar[0].LastCovered - bar[0].FirstCovered;
        Assert.Contains(rows, r => r.Gap == 0 && r.Covered >= width - 4);
    }

    private static RowColours Row(Png png, int y)
    {
        int gap = 0, covered = 0, firstGap = -1, lastGap = -1, firstCovered = -1, lastCovered = -1;
        for (var x = 0; x < png.Width; x++)
        {
            var pixel = png.At(x, y);
            if (Near(pixel, GapColour))
            {
                gap++;
                firstGap = firstGap < 0 ? x : firstGap;
                lastGap = x;
            }
            else if (Near(pixel, CoveredColour))
            {
                covered++;
                firstCovered = firstCovered < 0 ? x : firstCovered;
                lastCovered = x;
            }
        }

        return new RowColours(gap, covered, firstGap, lastGap, firstCovered, lastCovered);
    }

    private static bool Near((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Abs(a.R - b.R) <= 6 && Math.Abs(a.G - b.G) <= 6 && Math.Abs(a.B - b.B) <= 6;

    private sealed record RowColours(int Gap, int Covered, int FirstGap, int LastGap, int FirstCovered, int LastCovered);
}
