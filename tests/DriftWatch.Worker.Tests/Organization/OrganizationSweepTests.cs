using System.Diagnostics;
using DriftWatch.Aws;
using DriftWatch.Aws.Accounts;
using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Tests.Support;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DriftWatch.Worker.Tests.Organization;

/// <summary>
/// A sweep of many accounts, each read through its own role with its own CloudTrail budget. CI runs 12 accounts;
/// DRIFTWATCH_SWEEP_ACCOUNTS=100 measures a larger organization (the figures go to the test output).
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class OrganizationSweepTests(DeployedMoto moto, ITestOutputHelper output)
{
    [Fact]
    public async Task ASweepOfManyAccountsReadsEachThroughOneCachedSessionAndPassesEach()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DRIFTWATCH_SWEEP_ACCOUNTS"), out var n) ? Math.Clamp(n, 1, 500) : 12;
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var account = await AssumedAccount.AssumeAsync(moto.Endpoint, OrganizationSetup.NewAccountId());
            await account.CreateBucketAsync();
            await account.CreateCompliantTrailAsync($"audit-{i}", i % 2 == 0 ? "eu-west-1" : "ap-southeast-2");
            ids.Add(account.AccountId);
        }

        var settings = new Dictionary<string, string?> { ["DriftWatch:Sweep:Concurrency"] = "16" };
        for (var i = 0; i < ids.Count; i++)
        {
            settings[$"DriftWatch:Sweep:Accounts:{i}"] = ids[i];
        }

        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, settings);
        var startup = await Eventually.MatchAsync(
            () => Task.FromResult(worker.Logs.Lines), l => l.Any(x => x.Contains("Swept ", StringComparison.Ordinal)), TimeSpan.FromMinutes(5), "start-up sweep");
        var apiCalls = worker.Services.GetRequiredService<ApiCallCounter>();
        var coldCalls = apiCalls.Total;

        var clock = Stopwatch.StartNew();
        var warm = await worker.Services.GetRequiredService<SweepService>().SweepOnceAsync(CancellationToken.None);
        var warmElapsed = clock.Elapsed;
        var warmCalls = apiCalls.Total - coldCalls;

        output.WriteLine($"accounts swept: {warm.Accounts.Count} ({count} members + the worker's own)");
        output.WriteLine($"first sweep: {startup.First(x => x.Contains("Swept ", StringComparison.Ordinal))}; {coldCalls} STS+CloudTrail calls");
        output.WriteLine($"second sweep: {warmElapsed.TotalMilliseconds:F0} ms, {warmCalls} STS+CloudTrail calls, {worker.Services.GetRequiredService<CloudTrailRateLimiter>().Waits} rate-limit waits in all");
        Assert.Equal(count + 1, warm.Accounts.Count);
        Assert.Equal(0, warm.Failed);
        Assert.Equal(count, worker.Services.GetRequiredService<AssumedRoleSessions>().AssumeRoleCalls);
        Assert.Equal(count * 3 + 3, warmCalls);
        foreach (var id in ids)
        {
            Assert.Equal(ComplianceStatus.Pass, (await world.Records.GetAsync(id, default))!.Verdict.Status);
        }
    }
}
