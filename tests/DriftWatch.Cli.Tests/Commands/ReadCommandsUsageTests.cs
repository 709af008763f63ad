using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`history` and `incidents` refuse bad input with 64 before any AWS call.</summary>
public sealed class ReadCommandsUsageTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("5x")]
    [InlineData("yesterday")]
    [InlineData("0m")]
    [InlineData("2026-02-30")]
    public async Task HistoryRefusesASinceItCannotRead(string since)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["history", "--since", since]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--since", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task HistoryRefusesAnAccountThatIsNotTwelveDigits()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["history", "--account", "12345"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--account", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentsRefusesAnUnknownOutputFormat()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["incidents", "--output", "yaml"]);

        Assert.True(result.ExitCode == 64, result.ToString());
    }
}
