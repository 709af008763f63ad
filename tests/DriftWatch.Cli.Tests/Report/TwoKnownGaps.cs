using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>
/// The story the report's end-to-end tests read back. Over an 8-hour window two days ago, moto's account passes from
/// the start, fails for exactly 2 h (mallory stops logging, alice restarts it), then for exactly 30 min (a hostile
/// caller stops it again, a sweep sees it pass); the other account passes throughout. Coverage of the first:
/// 5.5 h of 8 h = 68.75 %.
/// </summary>
internal static class TwoKnownGaps
{
    /// <summary>A caller that tries a spreadsheet formula, markup and a terminal escape in one name.</summary>
    public const string HostileActor = "=HYPERLINK(\"http://203.0.113.9/x\",\"ok\")<script>alert(1)</script>\u001b[31m";

    /// <summary>Who stopped logging the first time.</summary>
    public const string Mallory = "arn:aws:iam::123456789012:user/mallory";

    /// <summary>Who started it again.</summary>
    public const string Alice = "arn:aws:iam::123456789012:user/alice";

    /// <summary>The window's start, on the hour two days ago.</summary>
    public static readonly DateTimeOffset Since = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-2);

    /// <summary>The window's end, 8 h later.</summary>
    public static readonly DateTimeOffset Until = Since.AddHours(8);

    /// <summary>The first gap: [1 h, 3 h).</summary>
    public static readonly (DateTimeOffset From, DateTimeOffset To) First = (Since.AddHours(1), Since.AddHours(3));

    /// <summary>The second gap: [5 h, 5 h 30 min).</summary>
    public static readonly (DateTimeOffset From, DateTimeOffset To) Second = (Since.AddHours(5), Since.AddHours(5.5));

    /// <summary>The window's arguments.</summary>
    public static string[] WindowArguments => ["--since", Since.ToString("O"), "--until", Until.ToString("O")];

    /// <summary>Deploys the stack and records both accounts' history.</summary>
    public static async Task<CentralStack> RecordAsync(MotoFixture moto)
    {
        var stack = await CentralStack.DeployAsync(moto);
        var drift = new RecordedDrift(stack, MotoAws.AccountId);
        await drift.EvaluateAsync(Since.AddHours(-1), logging: true);
        await drift.EvaluateAsync(First.From, logging: false, RecordedDrift.Call("StopLogging", First.From, Mallory, "198.51.100.4"));
        await drift.EvaluateAsync(First.To, logging: true, RecordedDrift.Call("StartLogging", First.To, Alice, "192.0.2.10"));
        await drift.EvaluateAsync(Second.From, logging: false, RecordedDrift.Call("StopLogging", Second.From, HostileActor, "-1+1", "<img src=x onerror=alert(1)>"));
        await drift.EvaluateAsync(Second.To, logging: true);
        await drift.EvaluateAsync(Until.AddHours(2), logging: false, RecordedDrift.Call("DeleteTrail", Until.AddHours(2), Mallory));

        var other = new RecordedDrift(stack, SampleRecords.OtherAccount);
        await other.EvaluateAsync(Since.AddDays(-10), logging: true);
        return stack;
    }
}
