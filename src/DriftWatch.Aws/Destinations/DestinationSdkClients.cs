using System.Collections.Concurrent;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// An S3 and a KMS SDK client per (account, region), each signing as that account (<see cref="AccountCredentials"/>)
/// and sent where AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL / DriftWatch:Aws:EndpointUrl say, as
/// our own clients are. An emulator endpoint gets path-style bucket addressing (no bucket subdomains on 127.0.0.1).
/// Bounded: a destination is read once per sweep interval, so a client kept for every account of an organization
/// is memory held for nothing between sweeps; past <see cref="Capacity"/> clients of a kind it starts over.
/// </summary>
internal sealed class DestinationSdkClients(AccountCaller caller, EndpointResolver endpoints, CountingHttpClientFactory http) : IDisposable
{
    /// <summary>
    /// Clients of a kind held at most: more than the evaluations a worker runs at once (the queue's and the sweep's
    /// concurrency), so the reads of one destination share a client, far fewer than an organization's accounts.
    /// </summary>
    public const int Capacity = 128;

    // The SDK's own retries for throttling and 5xx, short of the trail reads' budget: a failure here only leaves a warning.
    private const int MaxErrorRetry = 2;

    private static readonly AwsService S3 = new("S3", "s3", "s3", "", "S3");
    private static readonly AwsService Kms = new("KMS", "kms", "kms", "TrentService", "KMS");

    private readonly ConcurrentDictionary<(string Account, string Region), AmazonS3Client> _s3 = new();
    private readonly ConcurrentDictionary<(string Account, string Region), AmazonKeyManagementServiceClient> _kms = new();

    public IAmazonS3 S3For(string accountId, string region) => Bounded(_s3, (accountId, region)).GetOrAdd((accountId, region), key =>
    {
        var config = Configure(new AmazonS3Config(), S3, key.Region);
        config.ForcePathStyle = config.ServiceURL is not null;
        return new AmazonS3Client(new AccountCredentials(caller, key.Account), config);
    });

    public IAmazonKeyManagementService KmsFor(string accountId, string region) => Bounded(_kms, (accountId, region)).GetOrAdd((accountId, region), key =>
        new AmazonKeyManagementServiceClient(new AccountCredentials(caller, key.Account), Configure(new AmazonKeyManagementServiceConfig(), Kms, key.Region)));

    /// <summary>Clients held now, S3 and KMS together.</summary>
    public int Count => _s3.Count + _kms.Count;

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

    // Dropped, not disposed: a read may still be using one. They hold no connection of their own (the host's factory
    // pools the handlers and the SDK disposes each HttpClient after use), so the GC takes them once the reads end.
    private static ConcurrentDictionary<(string Account, string Region), TClient> Bounded<TClient>(
        ConcurrentDictionary<(string Account, string Region), TClient> clients, (string Account, string Region) key)
    {
        if (clients.Count >= Capacity && !clients.ContainsKey(key))
        {
            clients.Clear();
        }

        return clients;
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
