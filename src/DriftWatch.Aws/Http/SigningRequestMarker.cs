using Amazon.Runtime;

namespace DriftWatch.Aws.Http;

/// <summary>The SDK's request type needs an originating request object; this one carries nothing.</summary>
internal sealed class SigningRequestMarker : AmazonWebServiceRequest
{
}
