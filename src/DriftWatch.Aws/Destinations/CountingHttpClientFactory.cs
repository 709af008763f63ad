using Amazon.Runtime;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// Gives the S3 and KMS SDK clients their HTTP clients from the host's factory, through a handler that counts each
/// request (retries included) on the <see cref="ApiCallCounter"/>, as our own clients count theirs.
/// </summary>
internal sealed class CountingHttpClientFactory(IHttpClientFactory factory) : HttpClientFactory
{
    /// <summary>Name of the HTTP client the destination reads use.</summary>
    public const string Name = "driftwatch-destinations";

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => factory.CreateClient(Name);

    // The host's factory pools the handlers; the SDK need neither cache nor keep the clients it is given.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
