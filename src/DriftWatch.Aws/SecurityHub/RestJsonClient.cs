using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DefaultRequest = Amazon.Runtime.Internal.DefaultRequest;
using Amazon.Runtime.Internal.Auth;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.SecurityHub;

/// <summary>
/// Calls an AWS restJson1 operation (a signed JSON POST to the operation's own path, as Security Hub's
/// POST /findings/import): one attempt within a timeout, counted, its error read like the JSON 1.1 ones. Retries are
/// the caller's. It signs with AWS4Signer itself because <see cref="SigV4Signer"/> takes the resource path from the
/// endpoint, and an endpoint that already holds the path is signed as /findings/import/findings/import (checked
/// against botocore's SigV4Auth).
/// </summary>
internal sealed class RestJsonClient(
    HttpClient http,
    AwsCredentialsSource credentials,
    EndpointResolver endpoints,
    AwsRegionResolver regions,
    ApiCallCounter counter,
    TimeProvider time,
    TimeSpan attemptTimeout)
{
    private const string ContentType = "application/json";
    private readonly AWS4Signer _signer = new();
    private readonly SigningClientConfig _config = new();

    public async Task<JsonObject> PostAsync(
        AwsService service, string operation, string resourcePath, string? region, JsonObject request, CancellationToken cancellationToken)
    {
        var signingRegion = regions.Resolve(region);
        var endpoint = endpoints.Resolve(service, signingRegion);
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());

        using var attempt = new CancellationTokenSource(attemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        using var message = await BuildAsync(service, operation, signingRegion, endpoint, resourcePath, body, linked.Token).ConfigureAwait(false);
        counter.Record();
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var header = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
                var (code, errorMessage) = AwsErrorReader.Read(response.StatusCode, header, text);
                throw new AwsServiceException(service.Name, operation, code, errorMessage, response.StatusCode);
            }

            return Parse(service, operation, response.StatusCode, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{service.Name} {operation} in {signingRegion}: no answer within {attemptTimeout.TotalSeconds:0.###} s.");
        }
        catch (IOException exception)
        {
            throw new HttpRequestException($"{service.Name} {operation}: connection failed: {exception.Message}", exception);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(
        AwsService service, string operation, string region, Uri endpoint, string resourcePath, byte[] body, CancellationToken token)
    {
        ImmutableCredentials keys;
        try
        {
            keys = await credentials.GetImmutableAsync(token).ConfigureAwait(false);
        }
        catch (AmazonClientException exception)
        {
            throw new AwsServiceException(service.Name, operation, "CredentialsUnavailable", exception.Message, 0, exception);
        }

        // The endpoint is the service root; the operation's path is signed and sent as the resource path.
        var signing = new DefaultRequest(new SigningRequestMarker(), service.Name)
        {
            HttpMethod = "POST",
            Endpoint = endpoint,
            ResourcePath = resourcePath,
            Content = body,
            AuthenticationRegion = region,
            OverrideSigningServiceName = service.SigningName,
        };
        signing.Headers["Content-Type"] = ContentType;
        if (keys.UseToken)
        {
            signing.Headers["X-Amz-Security-Token"] = keys.Token;
        }

        var result = _signer.SignRequest(signing, _config, null, keys.AccessKey, keys.SecretKey, time.GetUtcNow().UtcDateTime);
        signing.Headers["Authorization"] = result.ForAuthorizationHeader;

        var content = new ByteArrayContent(body);
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, resourcePath.TrimStart('/')))
        {
            Content = content,
            Version = HttpVersion.Version11,
        };
        foreach (var (name, value) in signing.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private static JsonObject Parse(AwsService service, string operation, HttpStatusCode status, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the reply is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new AwsServiceException(service.Name, operation, "MalformedResponse", $"Unreadable reply: {exception.Message}", status, exception);
        }
    }
}
