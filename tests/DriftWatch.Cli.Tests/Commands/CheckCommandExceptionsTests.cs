using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using MotoAccount = DriftWatch.Cli.Tests.Support.MotoAccount;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`driftwatch check` with a documented exceptions file, from --exceptions or from configuration.</summary>
public sealed class CheckCommandExceptionsTests(MotoFixture moto) : MotoTest(moto)
{
    private static string ExceptionFor(string regions, string expires) => $"""
        # Documented exceptions
        [{MotoAccount.Id}]
        regions = {regions}
        rationale = Workloads are pinned to the EU by contract
        compensating-controls = SCP denies every other region
        owner = cloud-security@example.com
        expires = {expires}
        """;

    [Fact]
    public async Task PassesUnderAnExceptionWhenItsListedRegionsAreLogged()
    {
        await Account.TrailAsync("eu-only", homeRegion: "eu-west-1", multiRegion: false);
        using var file = new TempFile(ExceptionFor("eu-west-1", "2999-12-31"));

        var verdict = VerdictAssert.Is(await Account.CheckAsync("eu-west-1", "--output", "json", "--exceptions", file.Path), 0, "pass");

        var exception = verdict.GetProperty("exception");
        Assert.Equal(MotoAccount.Id, exception.GetProperty("account").GetString());
        Assert.Equal(["eu-west-1"], VerdictAssert.Strings(exception, "regions"));
        Assert.Equal("cloud-security@example.com", exception.GetProperty("owner").GetString());
        Assert.Equal("2999-12-31", exception.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task ReadsTheExceptionsFileFromConfigurationWhenNoOptionNamesOne()
    {
        await Account.TrailAsync("eu-only", homeRegion: "eu-west-1", multiRegion: false);
        using var file = new TempFile(ExceptionFor("eu-west-1", "2999-12-31"));

        var result = await Account.CheckAsync(
            "eu-west-1", new Dictionary<string, string> { ["DriftWatch__Check__ExceptionsFile"] = file.Path }, "--output", "json");

        Assert.True(VerdictAssert.Is(result, 0, "pass").TryGetProperty("exception", out _));
    }

    [Fact]
    public async Task IgnoresAnExpiredExceptionWithAWarningAndFails()
    {
        await Account.TrailAsync("eu-only", homeRegion: "eu-west-1", multiRegion: false);
        using var file = new TempFile(ExceptionFor("eu-west-1", "2020-01-31"));

        var result = await Account.CheckAsync("eu-west-1", "--output", "json", "--exceptions", file.Path);

        var verdict = VerdictAssert.Is(result, 1, "fail");
        Assert.False(verdict.TryGetProperty("exception", out _));
        Assert.Contains("warning:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("expired on 2020-01-31", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsAMalformedExceptionsFileNamingTheLine()
    {
        using var file = new TempFile(ExceptionFor("eu-west-1", "next year"));

        var result = await Account.CheckAsync("us-east-1", "--output", "json", "--exceptions", file.Path);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"exceptions file {file.Path} line 7: expires must be a date", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task RejectsAMissingExceptionsFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"driftwatch-{Guid.NewGuid():N}-absent.ini");

        var result = await Account.CheckAsync("us-east-1", "--exceptions", missing);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"exceptions file {missing} does not exist", result.Stderr, StringComparison.Ordinal);
    }
}
