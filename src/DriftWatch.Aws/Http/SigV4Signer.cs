using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace DriftWatch.Aws.Http;

/// <summary>Signs a request with the SDK's own AWS4Signer and returns the headers to send (Authorization, X-Amz-Date...).</summary>
internal sealed class SigV4Signer
{
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private readonly AWS4Signer _signer = new();
    private readonly SigningClientConfig _config = new();

    public IReadOnlyDictionary<string, string> Sign(
        AwsService service,
        string region,
        Uri endpoint,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        ImmutableCredentials credentials,
        DateTimeOffset signedAt)
    {
        var request = new DefaultRequest(new SigningRequestMarker(), service.Name)
        {
            HttpMethod = "POST",
            Endpoint = endpoint,
            ResourcePath = endpoint.AbsolutePath,
            Content = body,
            AuthenticationRegion = region,
            OverrideSigningServiceName = service.SigningName,
        };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        // The SDK pipeline adds the session token before signing; we sign outside that pipeline, so add it here.
        if (credentials.UseToken)
        {
            request.Headers[SecurityTokenHeader] = credentials.Token;
        }

        var result = _signer.SignRequest(
            request, _config, null, credentials.AccessKey, credentials.SecretKey, signedAt.UtcDateTime);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;
        return new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
    }
}
