using Amazon.Runtime;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Aws.Tests.Support;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    private const string Member = "222233334444";

    [Fact]
    public void RegistersTheClientsTheReaderAndTheIdentity()
    {
        using var provider = Provider(new() { ["DriftWatch:Aws:Region"] = "eu-west-1", ["DriftWatch:Aws:MaxAttempts"] = "2" });

        Assert.NotNull(provider.GetRequiredService<ICloudTrailClient>());
        Assert.NotNull(provider.GetRequiredService<IEventBridgeClient>());
        Assert.NotNull(provider.GetRequiredService<IAccountIdentity>());
        Assert.IsType<DriftWatch.Aws.Accounts.MultiAccountSnapshotReader>(provider.GetRequiredService<IAccountSnapshotReader>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal("eu-west-1", provider.GetRequiredService<AwsRegionResolver>().DefaultRegion);
        Assert.Equal(2, provider.GetRequiredService<IOptions<AwsClientOptions>>().Value.MaxAttempts);
    }

    [Fact]
    public void RejectsInvalidSettingsAtStartListingEachFailure()
    {
        using var provider = Provider(new() { ["DriftWatch:Aws:MaxAttempts"] = "0", ["DriftWatch:Aws:Region"] = "Europe" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Region", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepsATimeProviderRegisteredEarlier()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FixedClock(DateTimeOffset.UnixEpoch));
        services.AddDriftWatchAws(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<FixedClock>(provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task SignsWithCredentialsRegisteredInTheContainer()
    {
        using var handler = new FakeAwsHandler();
        using var aws = new TestAws(handler, credentials: new BasicAWSCredentials("REGISTEREDKEY", "secret"));

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-1", CancellationToken.None);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=REGISTEREDKEY/", Assert.Single(handler.Requests).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACloudTrailClientRegisteredInTheContainerIsWhatTheSnapshotReadersUse()
    {
        var cloudTrail = new ScriptedCloudTrail();
        cloudTrail.Trails.Add(new TrailInfo("scripted", $"arn:aws:cloudtrail:eu-west-1:{Member}:trail/scripted", "eu-west-1", true, false));
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<ICloudTrailClient>(cloudTrail)
            .AddSingleton<IAccountIdentity>(new FixedAccountIdentity(TestAws.OwnAccount));
        using var provider = services.AddDriftWatchAws(Configuration(new() { ["DriftWatch:Aws:Region"] = "eu-west-1" })).BuildServiceProvider();

        var member = await provider.GetRequiredService<IAccountSnapshotReader>().ReadAsync(Member, "eu-west-1", CancellationToken.None);
        var own = await provider.GetRequiredService<AccountSnapshotReader>().ReadAsync(TestAws.OwnAccount, "eu-west-1", CancellationToken.None);

        Assert.Equal("scripted", Assert.Single(member.Trails).Trail.Name);
        Assert.Equal("scripted", Assert.Single(own.Trails).Trail.Name);
        Assert.Equal([Member, Member, Member, TestAws.OwnAccount, TestAws.OwnAccount, TestAws.OwnAccount], cloudTrail.Accounts);
    }

    [Fact]
    public async Task AnHttpHandlerGivenToTheNamedClientCarriesEveryServicesCalls()
    {
        using var handler = new FakeAwsHandler().Reply(
            new FakeReply(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>", "text/xml"),
            FakeReply.Ok(),
            FakeReply.Ok("""{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}"""),
            FakeReply.Ok());
        using var aws = new TestAws(handler, askStsForTheAccount: true);

        await aws.Identity.GetAccountIdAsync(CancellationToken.None);
        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);
        await aws.EventBridge.PutEventsAsync("eu-west-2", [new EventEntry("driftwatch.test", "Test", "{}")], CancellationToken.None);
        await aws.Organization.ListAsync(CancellationToken.None);

        Assert.Equal(["sts", "cloudtrail", "events", "organizations"], handler.Requests.Select(r => r.Header("Authorization")!.Split('/')[3]));
    }

    [Fact]
    public void BuildsEveryPieceFromTheContainerWithoutAMissingDependency()
    {
        var services = new ServiceCollection().AddLogging().AddDriftWatchAws(Configuration(new() { ["DriftWatch:Aws:Region"] = "eu-west-1" }));

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<Json11Client>());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddDriftWatchAws(Configuration(settings)).BuildServiceProvider();
}
