using System.Collections.Concurrent;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// One S3 and one KMS SDK client per (account, region), each signing as that account (<see cref="AccountCredentials"/>)
/// and sent where AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL / DriftWatch:Aws:EndpointUrl say, as
/// our own clients are. An emulator endpoint gets path-style bucket addressing (no bucket subdomains on 127.0.0.1).
/// </summary>
internal sealed class DestinationSdkClients(AccountCaller caller, EndpointResolver endpoints, CountingHttpClientFactory http) : IDisposable
{
    // The SDK's own retries for throttling and 5xx, short of the trail reads' budget: a failure here only leaves a warning.
    private const int MaxErrorRetry = 2;

    private static readonly AwsService S3 = new("S3", "s3", "s3", "", "S3");
    private static readonly AwsService Kms = new("KMS", "kms", "kms", "TrentService", "KMS");

    private readonly ConcurrentDictionary<(string Account, string Region), AmazonS3Client> _s3 = new();
    private readonly ConcurrentDictionary<(string Account, string Region), AmazonKeyManagementServiceClient> _kms = new();

    public IAmazonS3 S3For(string accountId, string region) => _s3.GetOrAdd((accountId, region), key =>
    {
        var config = Configure(new AmazonS3Config(), S3, key.Region);
        config.ForcePathStyle = config.ServiceURL is not null;
        return new AmazonS3Client(new AccountCredentials(caller, key.Account), config);
    });

    public IAmazonKeyManagementService KmsFor(string accountId, string region) => _kms.GetOrAdd((accountId, region), key =>
        new AmazonKeyManagementServiceClient(new AccountCredentials(caller, key.Account), Configure(new AmazonKeyManagementServiceConfig(), Kms, key.Region)));

    public void Dispose()
    {
        foreach (var client in _s3.Values)
        {
            client.Dispose();
        }

        foreach (var client in _kms.Values)
        {
            client.Dispose();
        }
    }

    private T Configure<T>(T config, AwsService service, string region)
        where T : ClientConfig
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        config.HttpClientFactory = http;
        config.MaxErrorRetry = MaxErrorRetry;
        if (endpoints.Configured(service) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
