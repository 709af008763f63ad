using Amazon;
using Amazon.SecurityToken;

namespace DriftWatch.Aws.Identity;

/// <summary>
/// STS client settings shared by GetCallerIdentity and AssumeRole. With no configured endpoint the SDK itself honours
/// AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL; a configured one (an emulator) is set as ServiceURL.
/// </summary>
internal static class StsConfig
{
    public static AmazonSecurityTokenServiceConfig For(string region, AwsClientOptions options)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            MaxErrorRetry = options.MaxAttempts - 1,
            Timeout = options.AttemptTimeout,
        };
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
