using System.Globalization;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>
/// Table cells shared by `history` and `incidents`, as Spectre markup. Whatever a caller of the AWS API chose (actor,
/// user agent, event name, reasons) goes through SafeText.Markup.
/// </summary>
internal static class RecordCells
{
    /// <summary>UTC to the second: the tables compare times across accounts and regions.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>A coloured status word; "-" for none (an account's first verdict has no before).</summary>
    public static string Status(ComplianceStatus? status) => status switch
    {
        ComplianceStatus.Pass => "[green]pass[/]",
        ComplianceStatus.Fail => "[red]fail[/]",
        ComplianceStatus.Error => "[yellow]error[/]",
        _ => "-",
    };

    /// <summary>The latest event's name (with how many more shared the evaluation), or "sweep".</summary>
    public static string Cause(EvaluationCause cause) => cause.LatestEvent() is { } e
        ? SafeText.Markup(e.EventName) + (cause.Events.Count > 1 ? $" (+{cause.Events.Count - 1})" : "")
        : "sweep";

    /// <summary>Who made the call, with the user agent beneath in grey.</summary>
    public static string Actor(EvaluationCause cause) => cause.LatestEvent() is { } e
        ? SafeText.Markup(e.ActorArn ?? "-") + (string.IsNullOrEmpty(e.UserAgent) ? "" : $"\n[grey]{SafeText.Markup(e.UserAgent)}[/]")
        : "-";

    /// <summary>Where the call came from.</summary>
    public static string SourceIp(EvaluationCause cause) => SafeText.Markup(cause.LatestEvent()?.SourceIp ?? "-");

    /// <summary>The region the call was made in.</summary>
    public static string Region(EvaluationCause cause) => SafeText.Markup(cause.LatestEvent()?.Region ?? "-");

    /// <summary>Reasons, one per line.</summary>
    public static string Lines(IEnumerable<string> lines) => string.Join('\n', lines.Select(SafeText.Markup));
}
