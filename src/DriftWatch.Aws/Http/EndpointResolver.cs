using DriftWatch.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Where a service lives: DriftWatch:Aws:EndpointUrl, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL, else
/// the public regional host of the region's partition. The AWS_ variables are read from configuration, which holds the
/// environment in every host; a test hands in its own.
/// </summary>
internal sealed class EndpointResolver(IOptions<AwsClientOptions> options, IConfiguration configuration)
{
    // botocore partitions.json: the DNS suffix of each partition's regional endpoints.
    private static readonly Dictionary<string, string> DnsSuffixes = new(StringComparer.Ordinal)
    {
        ["aws-cn"] = "amazonaws.com.cn",
        ["aws-iso"] = "c2s.ic.gov",
        ["aws-iso-b"] = "sc2s.sgov.gov",
        ["aws-iso-e"] = "cloud.adc-e.uk",
        ["aws-iso-f"] = "csp.hci.ic.gov",
        ["aws-eusc"] = "amazonaws.eu",
    };

    public Uri Resolve(AwsService service, string region)
    {
        if (Configured(service) is { } configured)
        {
            return configured;
        }

        var suffix = DnsSuffixes.GetValueOrDefault(AwsIds.PartitionOf(region), "amazonaws.com");
        return new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}/");
    }

    /// <summary>The endpoint set by configuration or the AWS_ variables, null when the service's public host applies (SDK clients find that themselves).</summary>
    public Uri? Configured(AwsService service)
    {
        if (options.Value.EndpointUrl is { } configured)
        {
            return configured;
        }

        var fromEnvironment = Blank(configuration[$"AWS_ENDPOINT_URL_{service.EnvironmentKey}"]) ?? Blank(configuration["AWS_ENDPOINT_URL"]);
        return fromEnvironment is null ? null : new Uri(fromEnvironment);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
