using DriftWatch.Cli.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Tests.Hosting;

/// <summary>The one-shot commands' log: levels from a "Serilog" section by Serilog's names, lines in the shape they had.</summary>
public sealed class CliLoggingTests
{
    [Fact]
    public void AnOverrideSetsTheLevelOfItsCategoryAndThoseUnderItOnly()
    {
        var (levels, problems) = CliLogLevels.Read(Configuration(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Error",
            ["Serilog:MinimumLevel:Override:Polly"] = "Verbose",
        }));

        Assert.Empty(problems);
        Assert.Equal(LogLevel.Error, levels.Default);
        Assert.Equal(LogLevel.Trace, levels.For("Polly.Retry", LogLevel.Error));
        Assert.Equal(LogLevel.Trace, levels.For("Polly", LogLevel.Error));
        Assert.Equal(LogLevel.Error, levels.For("PollyLike", LogLevel.Error));
    }

    [Fact]
    public void APlainMinimumLevelIsTheDefault()
    {
        var (levels, _) = CliLogLevels.Read(Configuration(new() { ["Serilog:MinimumLevel"] = "debug" }));

        Assert.Equal(LogLevel.Debug, levels.Default);
    }

    [Fact]
    public void WritesOneLinePerEntryWithTimeAndLevelAtOrAboveTheMinimumOnly()
    {
        var output = new StringWriter();
        using var provider = WarningsAt213005(output);
        var logger = provider.CreateLogger("DriftWatch.Aws");

        logger.LogInformation("not shown");
        logger.LogWarning("sts:GetCallerIdentity failed in {Region}", "us-east-1");

        Assert.Equal("[21:30:05 WRN] sts:GetCallerIdentity failed in us-east-1" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void WritesAValuesControlCharactersAsEscapesSoNoneReachesTheTerminalOrStartsALine()
    {
        var output = new StringWriter();
        using var provider = WarningsAt213005(output);
        var logger = provider.CreateLogger("DriftWatch.Aws");

        logger.LogWarning("GetTrailStatus {Target} failed", "trail\u001b[2J\nFORGED \u202eevil");
        logger.LogError(new InvalidOperationException("bad\u0007\r\nFORGED"), "read failed");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(@"[21:30:05 WRN] GetTrailStatus trail\u001b[2J\u000aFORGED \u202eevil failed", lines[0]);
        Assert.Contains(lines, l => l.Contains(@"bad\u0007", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.StartsWith("[21:30:05 ", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal), l));
        Assert.DoesNotContain(lines, l => l.Any(c => char.IsControl(c) || c == '\u202e'));
    }

    /// <summary>The one-shot log at Warning, on a clock stopped at 21:30:05, writing to <paramref name="output"/>.</summary>
    private static StdErrLoggerProvider WarningsAt213005(TextWriter output) =>
        new(_ => LogLevel.Warning, new FixedClock(new DateTimeOffset(2026, 12, 6, 21, 30, 5, TimeSpan.Zero)), output);

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
