using System.Globalization;

namespace DriftWatch.Cli.Report;

/// <summary>
/// How every format writes times, durations and percentages, so that the formats agree to the digit: times in UTC
/// to the millisecond, seconds to the millisecond, percentages rounded down to two decimals (100 only when it is).
/// </summary>
internal static class ReportValues
{
    /// <summary>ISO 8601 UTC, milliseconds only when there are any: 2026-01-31T09:00:00Z, 2026-01-31T09:00:00.25Z.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Null stays null.</summary>
    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>For people: 2026-01-31 09:00:00Z.</summary>
    public static string ReadableTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds, to the millisecond.</summary>
    public static double Seconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero) / 1000.0;

    /// <summary>Seconds as written in CSV: the same digits JSON has.</summary>
    public static string SecondsText(TimeSpan duration) => Seconds(duration).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Rounded down to two decimals: 99.999 % of coverage must not read as 100 %.</summary>
    public static double? Percent(double? percent) => percent is { } p ? Math.Floor(p * 100) / 100 : null;

    /// <summary>A percentage for people: "75.00 %", or "no evidence".</summary>
    public static string PercentText(double? percent) =>
        Percent(percent) is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + " %" : "no evidence";

    /// <summary>For people, to the second: 12s, 45m 10s, 2h 00m 00s, 3d 04h 12m 00s.</summary>
    public static string Duration(TimeSpan duration)
    {
        var d = TimeSpan.FromSeconds(Math.Floor(Seconds(duration)));
        return d.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays}d {d.Hours:00}h {d.Minutes:00}m {d.Seconds:00}s")
            : d.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Hours}h {d.Minutes:00}m {d.Seconds:00}s")
                : d.TotalMinutes >= 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{d.Minutes}m {d.Seconds:00}s")
                    : string.Create(CultureInfo.InvariantCulture, $"{d.Seconds}s");
    }

    /// <summary>What a cause is called in one word: its event name, or "sweep".</summary>
    public static string CauseName(Core.Monitoring.NoticeCause cause) => cause.EventName ?? cause.Kind;
}
