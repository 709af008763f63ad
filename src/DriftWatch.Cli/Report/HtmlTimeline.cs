using System.Globalization;
using System.Text;
using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// One account's window as an inline SVG bar of <see cref="Cells"/> cells, scaled to the whole window (what lies after
/// now stays white). Each cell takes the most serious state that touches it (gap, then could not evaluate, then
/// covered, then unknown), and a gap or "could not evaluate" is at least <see cref="MinimumCells"/> cells wide: a
/// five-minute gap in a year-long window still shows, and the bar never understates a gap. Equal neighbouring cells
/// are drawn as one rectangle, so the bar's size is bounded by its width, not by the history (a busy year is
/// hundreds of stretches); each rectangle's tooltip gives its times.
/// </summary>
internal static class HtmlTimeline
{
    /// <summary>Width of the bar in SVG units (cells); the page stretches it to the column.</summary>
    public const int Cells = 1000;

    /// <summary>Narrowest a gap or "could not evaluate" is drawn, in cells (0.3 % of the bar).</summary>
    public const int MinimumCells = 3;

    private const int Height = 18;

    /// <summary>Appends the account's bar.</summary>
    public static void Append(StringBuilder html, AccountCoverage account, ReportWindow window)
    {
        var cells = Paint(account.Spans, window);
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {Cells} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"timeline of account {HtmlText.Of(account.AccountId)}\">");
        for (var start = 0; start < Cells;)
        {
            var end = start + 1;
            while (end < Cells && cells[end].State == cells[start].State)
            {
                end++;
            }

            Rect(html, account.Spans, cells.AsSpan(start, end - start), start, end - start);
            start = end;
        }

        html.Append("</svg>");
    }

    private static Cell[] Paint(IReadOnlyList<CoverageSpan> spans, ReportWindow window)
    {
        var cells = new Cell[Cells];
        var total = (double)(window.Until - window.Since).Ticks;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var x0 = (span.From - window.Since).Ticks / total * Cells;
            var x1 = (span.To - window.Since).Ticks / total * Cells;
            if (Rank(span.State) >= Rank(CoverageState.CouldNotEvaluate) && x1 - x0 < MinimumCells)
            {
                x0 = Math.Clamp(Math.Round(((x0 + x1) / 2) - (MinimumCells / 2.0)), 0, Cells - MinimumCells);
                x1 = x0 + MinimumCells;
            }

            for (var c = Math.Max(0, (int)Math.Floor(x0)); c < Math.Min(Cells, (int)Math.Ceiling(x1)); c++)
            {
                if (cells[c].State is not { } painted || Rank(span.State) > Rank(painted))
                {
                    cells[c] = new Cell(span.State, i, i);
                }
                else if (painted == span.State)
                {
                    cells[c] = cells[c] with { First = Math.Min(cells[c].First, i), Last = Math.Max(cells[c].Last, i) };
                }
            }
        }

        return cells;
    }

    private static void Rect(StringBuilder html, IReadOnlyList<CoverageSpan> spans, ReadOnlySpan<Cell> run, int x, int width)
    {
        if (run[0].State is not { } state)
        {
            return; // Not counted yet: the bar's white.
        }

        var (first, last) = (int.MaxValue, int.MinValue);
        foreach (var cell in run)
        {
            (first, last) = (Math.Min(first, cell.First), Math.Max(last, cell.Last));
        }

        var stretches = 0;
        for (var i = first; i <= last; i++)
        {
            stretches += spans[i].State == state ? 1 : 0;
        }

        var (from, to) = (spans[first].From, spans[last].To);
        var what = stretches == 1
            ? $"{TimelineColours.Label(state)}: {ReportValues.ReadableTime(from)} to {ReportValues.ReadableTime(to)} ({ReportValues.Duration(to - from)})"
            : $"{TimelineColours.Label(state)}: {stretches} stretches between {ReportValues.ReadableTime(from)} and {ReportValues.ReadableTime(to)}";
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"0\" width=\"{width}\" height=\"{Height}\" fill=\"{TimelineColours.Of(state)}\"><title>{HtmlText.Of(what)}</title></rect>");
    }

    private static int Rank(CoverageState state) => state switch
    {
        CoverageState.Gap => 4,
        CoverageState.CouldNotEvaluate => 3,
        CoverageState.Covered => 2,
        _ => 1,
    };

    /// <summary>A cell's state and the spans (by index) of that state that touch it.</summary>
    private readonly record struct Cell(CoverageState? State, int First, int Last);
}
