using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using MotoAccount = DriftWatch.Cli.Tests.Support.MotoAccount;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`driftwatch check` text output when stdout is redirected (a pipe, a file, a CI log).</summary>
public sealed class CheckCommandTextTests(MotoFixture moto) : MotoTest(moto)
{
    [Fact]
    public async Task PrintsATableAndAFailLineWithoutAnsiEscapesWhenRedirected()
    {
        await Account.TrailAsync("org-audit", logging: false);

        var result = await Account.CheckAsync("us-east-1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains("org-audit", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"FAIL account {MotoAccount.Id}:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("aws cloudtrail start-logging --name org-audit --region us-east-1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintsAPassLineWhenCompliant()
    {
        await Account.TrailAsync("org-audit");

        var result = await Account.CheckAsync("us-east-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains($"PASS account {MotoAccount.Id}:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintsCouldNotEvaluateWhenAwsCannotBeReached()
    {
        var result = await Driftwatch.RunAsync(
            new Uri("http://127.0.0.1:9"), "us-east-1", ["check"], new Dictionary<string, string> { ["DriftWatch__Aws__MaxAttempts"] = "1" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("COULD NOT EVALUATE", result.Stdout, StringComparison.Ordinal);
    }
}
