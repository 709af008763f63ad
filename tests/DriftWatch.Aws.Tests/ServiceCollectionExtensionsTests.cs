using Amazon.Runtime;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void RegistersTheClientsTheReaderAndTheIdentity()
    {
        using var provider = Provider(new() { ["DriftWatch:Aws:Region"] = "eu-west-1", ["DriftWatch:Aws:MaxAttempts"] = "2" });

        Assert.NotNull(provider.GetRequiredService<ICloudTrailClient>());
        Assert.NotNull(provider.GetRequiredService<IEventBridgeClient>());
        Assert.NotNull(provider.GetRequiredService<IAccountIdentity>());
        Assert.NotNull(provider.GetRequiredService<IAccountSnapshotReader>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal("eu-west-1", provider.GetRequiredService<AwsRegionResolver>().DefaultRegion);
        Assert.Equal(2, provider.GetRequiredService<AwsClients>().Options.MaxAttempts);
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
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new Support.FixedClock(DateTimeOffset.UnixEpoch));
        services.AddDriftWatchAws(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<Support.FixedClock>(provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task SignsWithCredentialsRegisteredInTheContainer()
    {
        using var server = new Support.FakeAwsServer();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriftWatch:Aws:Region"] = "eu-west-1",
            ["DriftWatch:Aws:EndpointUrl"] = server.Endpoint.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<AWSCredentials>(new BasicAWSCredentials("REGISTEREDKEY", "secret"));
        using var provider = services.AddDriftWatchAws(configuration).BuildServiceProvider();

        await provider.GetRequiredService<ICloudTrailClient>().DescribeTrailsAsync("eu-west-1", CancellationToken.None);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=REGISTEREDKEY/", Assert.Single(server.Requests).Header("Authorization"), StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDriftWatchAws(configuration).BuildServiceProvider();
    }
}
