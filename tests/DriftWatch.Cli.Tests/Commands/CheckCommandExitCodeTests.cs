using System.Net;
using System.Net.Sockets;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`driftwatch check` exit codes beyond pass and fail: usage errors (64) and could-not-evaluate (2).</summary>
public sealed class CheckCommandExitCodeTests(MotoFixture moto) : MotoTest(moto)
{
    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task RejectsAnUnknownOutputFormatAsAUsageError()
    {
        var result = await Account.CheckAsync("us-east-1", "--output", "yaml");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task RejectsAnUnknownOptionAsAUsageError()
    {
        var result = await Account.CheckAsync("us-east-1", "--colour");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--colour", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsARegionThatIsNotARegionName()
    {
        var result = await Account.CheckAsync("us-east-1", "--region", "mars");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("'mars' is not a region name", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotEvaluateWhenTheEndpointIsUnreachableAndNeverReportsFail()
    {
        await Account.TrailAsync("org-audit", logging: false);
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}");

        var result = await Driftwatch.RunAsync(
            closed,
            "us-east-1",
            ["check", "--output", "json"],
            new Dictionary<string, string> { ["DriftWatch__Aws__MaxAttempts"] = "1" });

        var verdict = VerdictAssert.Is(result, 2, "error");
        Assert.NotEmpty(verdict.GetProperty("errors").EnumerateArray());
        Assert.Empty(verdict.GetProperty("remediation").EnumerateArray());
        Assert.Contains("could not evaluate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotEvaluateWithoutCredentials()
    {
        var result = await Driftwatch.RunAsync(
            _moto.Endpoint,
            "us-east-1",
            ["check", "--output", "json"],
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "" });

        VerdictAssert.Is(result, 2, "error");
        Assert.Contains("credentials", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReportsCloudTrailApiCallsOnStderrWhenVerboseKeepingStdoutPureJson()
    {
        await Account.TrailAsync("org-audit");

        var result = await Account.CheckAsync("us-east-1", "--output", "json", "--verbose");

        var verdict = VerdictAssert.Is(result, 0, "pass");
        var calls = verdict.GetProperty("apiCalls").GetInt32();
        Assert.Contains($"{calls} CloudTrail API calls", result.Stderr, StringComparison.Ordinal);
    }

    // A port that was free a moment ago: nothing listens there, so connections are refused at once.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
