using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>`report` refuses bad input with 64 and a message before any AWS call (the endpoint answers nothing).</summary>
public sealed class ReportCommandUsageTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--since", "5x")]
    [InlineData("--until", "2026-02-30")]
    [InlineData("--until", "0d")]
    public async Task RefusesATimeItCannotRead(string option, string value)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", option, value]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"{option}: '{value}'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData("1d", "7d ago")]
    public async Task RefusesAWindowThatEndsBeforeItStarts(string since, string until)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", "--since", since, "--until", until]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("the window ends before it starts", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public async Task RefusesAMalformedAccountId(string account)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", "--account", account]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("is not a 12-digit account id", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnUnknownFormat()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", "--output", "pdf"]);

        Assert.True(result.ExitCode == 64, result.ToString());
    }

    [Fact]
    public async Task RefusesAnOutFileInADirectoryThatDoesNotExist()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", "--out", "/nonexistent-dir/report.html"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--out", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAMalformedExceptionsFileNamingItsLine()
    {
        using var file = new TempFile("[123456789012]\nregions = eu-west-1\n");

        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["report", "--exceptions", file.Path]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("line 1", result.Stderr, StringComparison.Ordinal);
    }
}
