using System.Globalization;
using System.Text;
using DriftWatch.Cli.Output;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// `report --output html`: one self-contained page to attach as evidence. Inline CSS and SVG only; a
/// Content-Security-Policy forbids every fetch and every script, so even a string that escaped encoding could not
/// load or run anything. Every recorded string goes through <see cref="HtmlText"/>.
/// </summary>
internal static class ReportHtml
{
    /// <summary>
    /// Gaps listed per account. Past that, the longest are listed and a row says how many shorter ones the CSV and
    /// JSON hold: a year of a busy organization is 100,000s of gaps, which no one reads in a page (and a browser
    /// struggles to open), while the timeline and every figure still count them all.
    /// </summary>
    public const int MostGapsListed = 50;

    /// <summary>Writes the page.</summary>
    public static void Write(CoverageReport report, TextWriter output)
    {
        var html = new StringBuilder(64 * 1024);
        var window = report.Window;
        var period = $"{ReportValues.ReadableTime(window.Since)} to {ReportValues.ReadableTime(window.Until)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>CloudTrail coverage evidence, {HtmlText.Of(period)}</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>CloudTrail coverage evidence</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Window <strong>{HtmlText.Of(period)}</strong> (UTC, end excluded). Generated {HtmlText.Of(ReportValues.ReadableTime(report.GeneratedAt))} by DriftWatch {HtmlText.Of(ProductVersion.Current)} from its recorded transitions.</p>\n</header>\n");

        Summary(html, report.Summary);
        Control(html);
        Accounts(html, report);
        Gaps(html, report);
        Exceptions(html, report);
        Reading(html);

        html.Append(CultureInfo.InvariantCulture, $"<footer>DriftWatch {HtmlText.Of(ProductVersion.Current)} · generated {HtmlText.Of(ReportValues.Time(report.GeneratedAt))} · window {HtmlText.Of(ReportValues.Time(window.Since))} to {HtmlText.Of(ReportValues.Time(window.Until))} · {report.Accounts.Count} account(s), {report.Accounts.Sum(a => a.Gaps.Count)} gap(s)</footer>\n")
            .Append("</body>\n</html>\n");
        output.Write(html);
    }

    private static void Summary(StringBuilder html, CoverageSummary summary)
    {
        html.Append("<section class=\"cards\">\n");
        Card(html, "Accounts", summary.Accounts.ToString(CultureInfo.InvariantCulture), "in DriftWatch's records");
        Card(
            html,
            "Covered for the whole window",
            summary.CoveredWholeWindowPercent is { } share ? ReportValues.PercentText(share) : "-",
            $"{summary.CoveredWholeWindow} of {summary.Accounts} account(s)");
        Card(
            html,
            "Worst account",
            summary.Worst is { } worst ? ReportValues.PercentText(worst.CoveragePercent) : "-",
            summary.Worst is { } w ? w.AccountId : "no account has evidence");
        Card(
            html,
            "Mean time to restore",
            summary.MeanTimeToRestore is { } mttr ? ReportValues.Duration(mttr) : "-",
            $"over {summary.RestoredGaps} restored gap(s)");
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string label, string value, string sub) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><div class=\"label\">{HtmlText.Of(label)}</div><div class=\"value\">{HtmlText.Of(value)}</div><div class=\"sub\">{HtmlText.Of(sub)}</div></div>\n");

    private static void Control(StringBuilder html)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>The control: {HtmlText.Of(ControlDescription.Title)}</h2>\n");
        foreach (var paragraph in ControlDescription.Text)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlText.Of(paragraph)}</p>\n");
        }

        html.Append("<table>\n<thead><tr><th>Framework</th><th>Reference</th><th>What it asks for</th></tr></thead>\n<tbody>\n");
        foreach (var (framework, reference, requirement) in ControlDescription.Mapping)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlText.Of(framework)}</td><td><strong>{HtmlText.Of(reference)}</strong></td><td>{HtmlText.Of(requirement)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Accounts(StringBuilder html, CoverageReport report)
    {
        html.Append("<section>\n<h2>Coverage by account</h2>\n<div class=\"legend\">");
        foreach (var state in TimelineColours.Legend)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" fill=\"{TimelineColours.Of(state)}\"/></svg>{HtmlText.Of(TimelineColours.Label(state))}</span>");
        }

        html.Append("<span><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" fill=\"#ffffff\"/></svg>not yet (after the report was made)</span></div>\n");
        if (report.Accounts.Count == 0)
        {
            html.Append("<p>No account in DriftWatch's records.</p>\n</section>\n");
            return;
        }

        var window = report.Window;
        html.Append("<table class=\"accounts\">\n<thead><tr><th>Account</th><th>Now</th><th class=\"num\">Coverage</th>")
            .Append(CultureInfo.InvariantCulture, $"<th class=\"bar\">Timeline<div class=\"axis\"><span>{HtmlText.Of(ReportValues.ReadableTime(window.Since))}</span><span>{HtmlText.Of(ReportValues.ReadableTime(window.Until))}</span></div></th>")
            .Append("<th class=\"num\">Gaps</th><th class=\"num\">Failing</th><th class=\"num\">Could not evaluate</th><th class=\"num\">Unknown</th></tr></thead>\n<tbody>\n");
        foreach (var account in report.Accounts)
        {
            var status = CliJson.Status(account.StatusNow);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono nowrap\">{HtmlText.Of(account.AccountId)}</td><td><span class=\"status {status}\">{status}</span></td><td class=\"num\">{HtmlText.Of(ReportValues.PercentText(account.CoveragePercent))}</td><td class=\"bar\">");
            HtmlTimeline.Append(html, account, window);
            html.Append(CultureInfo.InvariantCulture, $"</td><td class=\"num\">{account.Gaps.Count}</td><td class=\"num\">{ReportValues.Duration(account.Failing)}</td><td class=\"num\">{ReportValues.Duration(account.Error)}</td><td class=\"num\">{ReportValues.Duration(account.Unknown)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Gaps(StringBuilder html, CoverageReport report)
    {
        html.Append("<section>\n<h2>Gaps</h2>\n");
        if (report.Accounts.All(a => a.Gaps.Count == 0))
        {
            html.Append("<p>No gap in the window: every evaluated moment passed.</p>\n</section>\n");
            return;
        }

        html.Append("<table class=\"gaps\">\n<thead><tr><th>Account</th><th>Kind</th><th>From</th><th>To</th><th class=\"num\">Duration</th><th>Cause</th><th>Resolved by</th><th>Reasons</th></tr></thead>\n<tbody>\n");
        foreach (var account in report.Accounts)
        {
            IEnumerable<CoverageGap> listed = account.Gaps.Count <= MostGapsListed
                ? account.Gaps
                : account.Gaps.OrderByDescending(g => g.Duration).Take(MostGapsListed).OrderBy(g => g.From);
            foreach (var gap in listed)
            {
                GapRow(html, account.AccountId, gap);
            }

            if (account.Gaps.Count > MostGapsListed)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono nowrap\">{HtmlText.Of(account.AccountId)}</td><td colspan=\"7\" class=\"note\">The {MostGapsListed} longest of this account's {account.Gaps.Count} gaps are listed; the other {account.Gaps.Count - MostGapsListed} are in the timeline and the figures, and <span class=\"mono\">driftwatch report --output csv</span> lists every one.</td></tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void GapRow(StringBuilder html, string accountId, CoverageGap gap)
    {
        var to = gap.To is { } end ? ReportValues.ReadableTime(end) : "open";
        html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono nowrap\">{HtmlText.Of(accountId)}</td><td class=\"nowrap\">{HtmlText.Of(gap.Kind)}</td><td class=\"time\">{HtmlText.Of(ReportValues.ReadableTime(gap.From))}</td><td class=\"time\">{HtmlText.Of(to)}</td><td class=\"num\">{HtmlText.Of(ReportValues.Duration(gap.Duration))}</td><td>");
        Cause(html, gap.Cause);
        html.Append("</td><td>");
        if (gap.ResolvedBy is { } by)
        {
            Cause(html, by);
        }
        else
        {
            html.Append(gap.To is null ? "still open" : "not restored in the window");
        }

        html.Append("</td><td><ul class=\"reasons\">");
        foreach (var reason in gap.Reasons)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlText.Of(reason)}</li>");
        }

        html.Append("</ul></td></tr>\n");
    }

    private static void Cause(StringBuilder html, NoticeCause cause)
    {
        html.Append(CultureInfo.InvariantCulture, $"<strong>{HtmlText.Of(ReportValues.CauseName(cause))}</strong>");
        if (cause.EventName is null)
        {
            html.Append("<div class=\"who\">found by DriftWatch's periodic sweep</div>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"who mono\">{HtmlText.Of(cause.Actor ?? "-")}</div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"who\">from {HtmlText.Of(cause.SourceIp ?? "-")} in {HtmlText.Of(cause.Region ?? "-")}")
            .Append(cause.EventTime is { } at ? $" at {HtmlText.Of(ReportValues.ReadableTime(at))}" : "")
            .Append("</div>");
    }

    private static void Exceptions(StringBuilder html, CoverageReport report)
    {
        html.Append("<section>\n<h2>Documented exceptions</h2>\n");
        var exceptions = report.Accounts.SelectMany(a => a.Exceptions).ToList();
        if (exceptions.Count == 0)
        {
            html.Append("<p>None in force during the window: every account is held to every region.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"note\">An account under an exception passes when each listed region is covered by a logging trail recording read and write management events.</p>\n")
            .Append("<table>\n<thead><tr><th>Account</th><th>Regions</th><th>Rationale</th><th>Compensating controls</th><th>Owner</th><th>Expires</th></tr></thead>\n<tbody>\n");
        foreach (var e in exceptions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono nowrap\">{HtmlText.Of(e.AccountId)}</td><td>{HtmlText.Of(string.Join(", ", e.Regions))}</td><td>{HtmlText.Of(e.Rationale)}</td><td>{HtmlText.Of(e.CompensatingControls)}</td><td>{HtmlText.Of(e.Owner)}</td><td class=\"time\">{HtmlText.Of(e.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Reading(StringBuilder html) => html.Append("""
        <section>
        <h2>How to read this report</h2>
        <dl class="defs">
        <dt>Covered</dt><dd>DriftWatch's last verdict was pass.</dd>
        <dt>Gap</dt><dd>Its last verdict was fail. A gap that began before the window is shown from the window's start; one still open when a past window ends is shown to the window's end; one still open now has no end.</dd>
        <dt>Could not evaluate</dt><dd>AWS did not answer (access denied, throttling, an outage). Nothing is known either way, so that time counts neither as covered nor as a gap. A gap that runs into it ends where it begins and is not counted as restored.</dd>
        <dt>Unknown</dt><dd>Before DriftWatch's first verdict for the account.</dd>
        <dt>Coverage</dt><dd>Covered time divided by evaluated time (covered plus gaps), rounded down.</dd>
        <dt>Mean time to restore</dt><dd>The average length, inside the window, of the gaps that a pass ended inside the window.</dd>
        </dl>
        </section>

        """);
}
