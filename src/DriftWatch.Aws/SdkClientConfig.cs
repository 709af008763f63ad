using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws;

/// <summary>SDK clients (SQS, DynamoDB) follow DriftWatch:Aws (region, emulator endpoint) like our own clients do.</summary>
public static class SdkClientConfig
{
    /// <summary>Sets the region and, when one is configured, the single endpoint on an SDK client's config.</summary>
    public static T Configure<T>(T config, IServiceProvider services)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        var aws = services.GetRequiredService<IOptions<AwsClientOptions>>().Value;
        var region = aws.Region ?? services.GetRequiredService<AwsRegionResolver>().Resolve();
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        if (aws.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
