using System.Globalization;
using System.Text;

namespace DriftWatch.Bench.Harness;

/// <summary>The one table the bench prints: a row per figure, its target and whether it was met.</summary>
public sealed class Report
{
    private readonly List<(string Section, string Figure, string Value, string Target, string Result)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>A figure with no target.</summary>
    public void Info(string section, string figure, string value) => _rows.Add((section, figure, value, "", ""));

    /// <summary>A figure against its target: MET or MISSED (never a failure exit).</summary>
    public void Target(string section, string figure, string value, string target, bool met) =>
        _rows.Add((section, figure, value, target, met ? "MET" : "MISSED"));

    /// <summary>A line printed under the table.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Renders the table.</summary>
    public string Render(string title)
    {
        var header = ("section", "figure", "value", "target", "result");
        var all = _rows.Prepend(header).ToList();
        int W(Func<(string, string, string, string, string), string> f) => all.Max(r => f(r).Length);
        var widths = new[] { W(r => r.Item1), W(r => r.Item2), W(r => r.Item3), W(r => r.Item4), W(r => r.Item5) };
        var text = new StringBuilder();
        text.AppendLine(title);
        var rule = string.Join("-+-", widths.Select(w => new string('-', w)));
        foreach (var (row, i) in all.Select((r, i) => (r, i)))
        {
            string[] cells = [row.Item1, row.Item2, row.Item3, row.Item4, row.Item5];
            text.AppendLine(string.Join(" | ", cells.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
            if (i == 0)
            {
                text.AppendLine(rule);
            }
        }

        foreach (var note in _notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"* {note}");
        }

        return text.ToString();
    }
}
