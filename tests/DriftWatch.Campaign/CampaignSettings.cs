using System.Globalization;

namespace DriftWatch.Campaign;

/// <summary>How big the campaign is and which faults it injects. Two presets; every figure can be overridden.</summary>
public sealed record CampaignSettings
{
    /// <summary>ci or full.</summary>
    public required string Scale { get; init; }

    /// <summary>Messages put on the queue in all: distinct events, their duplicates and the malformed ones.</summary>
    public required int Events { get; init; }

    /// <summary>Accounts (the first is the central account itself, the rest reached through STS AssumeRole).</summary>
    public required int Accounts { get; init; }

    /// <summary>Seed of every random choice (changes, order, faults, throttled calls).</summary>
    public int Seed { get; init; } = 20260515;

    /// <summary>Share of messages that are second copies of an event.</summary>
    public double DuplicateShare { get; init; } = 0.10;

    /// <summary>Share of messages that are not CloudTrail events at all.</summary>
    public double MalformedShare { get; init; } = 0.05;

    /// <summary>Share of valid events whose actor and user agent carry control characters and ANSI escapes.</summary>
    public double HostileShare { get; init; } = 0.05;

    /// <summary>
    /// Share of events sent the long way, PutEvents → deployed regional rule → central bus → queue; the rest are put
    /// on the queue in the envelope that rule delivers (moto spends ~220 ms of CPU per PutEvents).
    /// </summary>
    public required double ViaEventBridgeShare { get; init; }

    /// <summary>Share of CloudTrail calls the proxy answers with ThrottlingException while throttling is on.</summary>
    public double ThrottleShare { get; init; } = 0.25;

    /// <summary>How long the proxy cuts the workers off from moto.</summary>
    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of accounts changed at the end without any event: only the sweep can see them.</summary>
    public double SilentShare { get; init; } = 0.10;

    /// <summary>The whole run must end within this.</summary>
    public required TimeSpan Deadline { get; init; }

    /// <summary>Where worker logs and the figures are written.</summary>
    public string OutputFolder { get; init; } = Path.Combine(Path.GetTempPath(), "driftwatch-campaign");

    /// <summary>CI scale: 1,000 messages over 20 accounts, a few minutes.</summary>
    public static CampaignSettings Ci => new() { Scale = "ci", Events = 1_000, Accounts = 20, ViaEventBridgeShare = 0.04, Deadline = TimeSpan.FromMinutes(4) };

    /// <summary>
    /// Full scale: 4,000 messages over 100 accounts, a developer machine. That is what moto 5.2.1 holds: every
    /// TransactWriteItems deep-copies the tables it touches, so each commit costs more as history grows; at ~5,000
    /// events (~4,500 transitions) on two cores moto stopped answering within 5 s. `--events 10000` runs the issue's
    /// figure where moto has the CPU for it.
    /// </summary>
    public static CampaignSettings Full => new() { Scale = "full", Events = 4_000, Accounts = 100, ViaEventBridgeShare = 0.02, Deadline = TimeSpan.FromMinutes(45) };

    /// <summary>Reads --scale, --events, --accounts, --seed, --out; null (with a message) on a bad argument.</summary>
    public static CampaignSettings? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var settings = Ci;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scale" when value is "ci":
                    settings = Ci with { OutputFolder = settings.OutputFolder };
                    i++;
                    break;
                case "--scale" when value is "full":
                    settings = Full with { OutputFolder = settings.OutputFolder };
                    i++;
                    break;
                case "--events" when int.TryParse(value, CultureInfo.InvariantCulture, out var events) && events >= 100:
                    settings = settings with { Events = events };
                    i++;
                    break;
                case "--accounts" when int.TryParse(value, CultureInfo.InvariantCulture, out var accounts) && accounts is >= 2 and <= 1000:
                    settings = settings with { Accounts = accounts };
                    i++;
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    settings = settings with { Seed = seed };
                    i++;
                    break;
                case "--out" when value is not null:
                    settings = settings with { OutputFolder = value };
                    i++;
                    break;
                default:
                    error.WriteLine($"unknown or invalid argument '{args[i]}'. Usage: --scale ci|full [--events N] [--accounts N] [--seed N] [--out DIR]");
                    return null;
            }
        }

        return settings;
    }
}
