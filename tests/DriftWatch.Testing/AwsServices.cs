using Amazon.Runtime;
using DriftWatch.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Testing;

/// <summary>
/// DriftWatch's AWS services exactly as the product registers them (AddDriftWatchAws), pointed at moto and signing with
/// explicit credentials; dispose the provider at the end of the test.
/// </summary>
public static class AwsServices
{
    /// <summary>
    /// A container for moto at <paramref name="endpoint"/>, acting in moto's default account or in the one
    /// <paramref name="credentials"/> belong to. <paramref name="settings"/> add to (or override) <see cref="MotoAws.Settings"/>;
    /// <paramref name="configure"/> registers replacements before the product's own (which are added with TryAdd).
    /// </summary>
    public static ServiceProvider ForMoto(
        Uri endpoint,
        AWSCredentials? credentials = null,
        string region = "us-east-1",
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(MotoAws.Settings(endpoint, region))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(credentials ?? MotoAws.Credentials);
        configure?.Invoke(services);
        services.AddDriftWatchAws(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
