using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>The health port and the shutdown timeout are settings like the others: a bad one exits 64, named by its key.</summary>
public sealed class OperationsSettingsTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("DriftWatch__Health__Port", "0", "DriftWatch:Health:Port")]
    [InlineData("DriftWatch__Health__Port", "eighty", "DriftWatch:Health:Port")]
    [InlineData("DriftWatch__Shutdown__Timeout", "00:00:00", "DriftWatch:Shutdown:Timeout")]
    [InlineData("DriftWatch__Shutdown__Timeout", "00:05:00", "DriftWatch:Shutdown:Timeout")]
    [InlineData("DriftWatch__Shutdown__Timeout", "soon", "DriftWatch:Shutdown:Timeout")]
    public async Task ABadOperationsSettingExits64NamingIt(string variable, string value, string key)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch"], new Dictionary<string, string> { [variable] = value });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHealthProbeWithoutAPortExits64AndSaysWhichSettingIsMissing()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["health"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("DriftWatch:Health:Port", result.Stderr, StringComparison.Ordinal);
    }
}
