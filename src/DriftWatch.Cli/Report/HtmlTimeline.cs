using System.Globalization;
using System.Text;
using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// One account's window as an inline SVG bar, scaled to the whole window (what lies after now stays white). Covered
/// and unknown stretches are drawn first; gaps and "could not evaluate" on top, at least <see cref="MinimumWidth"/>
/// wide, so that a five-minute gap in a year-long window still shows. Each stretch has a tooltip with its times.
/// </summary>
internal static class HtmlTimeline
{
    /// <summary>Width of the bar in SVG units; the page stretches it to the column.</summary>
    public const double Width = 1000;

    /// <summary>Narrowest a gap or "could not evaluate" is drawn, in SVG units (0.3 % of the bar).</summary>
    public const double MinimumWidth = 3;

    private const int Height = 18;

    /// <summary>Appends the account's bar.</summary>
    public static void Append(StringBuilder html, AccountCoverage account, ReportWindow window)
    {
        var total = (double)(window.Until - window.Since).Ticks;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"timeline of account {HtmlText.Of(account.AccountId)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        foreach (var layer in new[] { false, true })
        {
            foreach (var span in account.Spans.Where(s => IsThin(s.State) == layer))
            {
                var x = (span.From - window.Since).Ticks / total * Width;
                var width = span.Duration.Ticks / total * Width;
                if (layer && width < MinimumWidth)
                {
                    x = Math.Max(0, Math.Min(x - ((MinimumWidth - width) / 2), Width - MinimumWidth));
                    width = MinimumWidth;
                }

                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.###}\" y=\"0\" width=\"{width:0.###}\" height=\"{Height}\" fill=\"{TimelineColours.Of(span.State)}\">");
                html.Append(CultureInfo.InvariantCulture, $"<title>{HtmlText.Of(TimelineColours.Label(span.State))}: {ReportValues.ReadableTime(span.From)} to {ReportValues.ReadableTime(span.To)} ({ReportValues.Duration(span.Duration)})</title></rect>");
            }
        }

        html.Append("</svg>");
    }

    /// <summary>The states an auditor must never miss, however short.</summary>
    private static bool IsThin(CoverageState state) => state is CoverageState.Gap or CoverageState.CouldNotEvaluate;
}
