using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace DriftWatch.Aws.Http;

/// <summary>
/// The minimum client configuration AWS4Signer asks for. Region and service are set on each request, so one instance
/// signs for every service; endpoint resolution is ours, never the SDK's.
/// </summary>
internal sealed class SigningClientConfig()
    : ClientConfig(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
{
    public override string ServiceVersion => "1";

    public override string UserAgent => "driftwatch";

    public override string RegionEndpointServiceName => "driftwatch";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("DriftWatch resolves endpoints itself.");
}
