using DriftWatch.Cli.Records;

namespace DriftWatch.Cli.Tests.Records;

/// <summary>`--since`: ISO 8601 times and durations back from now; anything else is refused with a reason.</summary>
public sealed class SinceParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", 0, 1, 30)]
    [InlineData("30m", 0, 30, 0)]
    [InlineData("1h", 1, 0, 0)]
    [InlineData("7d", 168, 0, 0)]
    [InlineData("2w", 336, 0, 0)]
    public void ADurationMeansThatLongBeforeNow(string text, int hours, int minutes, int seconds)
    {
        Assert.Equal(Now - new TimeSpan(hours, minutes, seconds), SinceParser.Parse(text, Now, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("2026-01-31T09:00:00Z", "2026-01-31T09:00:00+00:00")]
    [InlineData("2026-01-31T10:00:00+01:00", "2026-01-31T09:00:00+00:00")]
    [InlineData("2026-01-31T09:00", "2026-01-31T09:00:00+00:00")]
    [InlineData("2026-01-31", "2026-01-31T00:00:00+00:00")]
    public void AnIsoTimeIsTakenAsUtcUnlessItSaysOtherwise(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SinceParser.Parse(text, Now, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("yesterday")]
    [InlineData("1/2/2026")]
    [InlineData("2026-13-01")]
    [InlineData("999999999999d")]
    public void AnythingElseIsRefusedWithTheReason(string text)
    {
        Assert.Null(SinceParser.Parse(text, Now, out var error));
        Assert.StartsWith("--since:", error, StringComparison.Ordinal);
    }
}
