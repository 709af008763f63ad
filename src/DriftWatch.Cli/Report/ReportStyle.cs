namespace DriftWatch.Cli.Report;

/// <summary>
/// The HTML report's only style sheet, inline: system fonts, nothing fetched. Laid out for a 1280 px window; printed
/// on A4 landscape with colours kept (the timeline is evidence), table headers repeated and rows never split.
/// </summary>
internal static class ReportStyle
{
    /// <summary>The CSS.</summary>
    public const string Css = """
        :root { color-scheme: light; --ink: #212529; --muted: #5c636a; --rule: #dee2e6; --panel: #f8f9fa; }
        * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        html { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
        body { margin: 0 auto; padding: 24px 28px 40px; max-width: 1280px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        p { margin: 6px 0; }
        .meta, .note { color: var(--muted); }
        .mono, td.time, td.num { font-variant-numeric: tabular-nums; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 16px 0 4px; }
        .card { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 22px; font-weight: 600; }
        .card .sub { color: var(--muted); font-size: 12.5px; }
        table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
        th { background: var(--panel); font-size: 12.5px; font-weight: 600; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        td.time, td.nowrap { white-space: nowrap; overflow-wrap: normal; }
        .accounts td.bar { width: 46%; padding-top: 8px; }
        .accounts th.bar .axis { display: flex; justify-content: space-between; font-weight: 400; color: var(--muted); }
        svg.timeline { display: block; width: 100%; height: 18px; border: 1px solid #868e96; }
        .legend { display: flex; flex-wrap: wrap; gap: 18px; margin: 8px 0; }
        .legend span { display: inline-flex; align-items: center; gap: 6px; }
        .legend svg { width: 14px; height: 14px; border: 1px solid #868e96; }
        .status { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; }
        .status.pass { background: #2b8a3e; } .status.fail { background: #c92a2a; } .status.error { background: #e67700; }
        .reasons { margin: 0; padding-left: 16px; }
        .who { color: var(--muted); font-size: 12.5px; }
        dl.defs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 6px 0; }
        dl.defs dt { font-weight: 600; } dl.defs dd { margin: 0; }
        footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12.5px; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          html { font-size: 10pt; }
          body { padding: 0; max-width: none; }
          h2 { break-after: avoid; }
          tr, .card, svg.timeline { break-inside: avoid; }
          thead { display: table-header-group; }
          .cards { grid-template-columns: repeat(4, 1fr); }
        }
        """;
}
