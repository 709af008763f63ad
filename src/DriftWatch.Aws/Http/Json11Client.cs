using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Calls an AWS JSON 1.1 operation (or a query-protocol action): signs each attempt with SigV4, runs the attempts
/// through <see cref="AwsCallPipeline"/> and returns the reply body. Every HTTP attempt is counted.
/// </summary>
internal sealed class Json11Client(
    IHttpClientFactory httpClients,
    SigV4Signer signer,
    AwsCredentialsSource credentials,
    EndpointResolver endpoints,
    AwsRegionResolver regions,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<AwsClientOptions> options,
    ApiCallCounter counter,
    TimeProvider time)
{
    /// <summary>The named HttpClient every call goes out on (tests give it their own handler).</summary>
    public const string HttpClientName = "DriftWatch.Aws";

    private const string ContentType = "application/x-amz-json-1.1";
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(AwsCallPipeline.Name);
    private readonly AwsCaller _own = new(credentials.GetImmutableAsync);

    /// <summary>Calls the operation with DriftWatch's own credentials.</summary>
    public Task<JsonObject> SendAsync(
        AwsService service, string operation, string? region, JsonObject request, CancellationToken cancellationToken) =>
        SendAsync(_own, service, operation, region, request, cancellationToken);

    /// <summary>Calls the operation as <paramref name="caller"/> (another account's keys, its rate gate).</summary>
    public Task<JsonObject> SendAsync(
        AwsCaller caller, AwsService service, string operation, string? region, JsonObject request, CancellationToken cancellationToken) =>
        SendCoreAsync(
            caller,
            service,
            operation,
            region,
            Encoding.UTF8.GetBytes(request.ToJsonString()),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = ContentType,
                ["X-Amz-Target"] = $"{service.TargetPrefix}.{operation}",
            },
            ParseSuccess,
            cancellationToken);

    /// <summary>
    /// Calls an AWS query-protocol action (STS) with DriftWatch's own credentials: a signed form POST whose reply is
    /// XML. Same pipeline and counting as the JSON calls, without an SDK client to build on the way (a cold `check`
    /// feels that).
    /// </summary>
    public Task<XDocument> SendQueryAsync(
        AwsService service,
        string action,
        string version,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string? region,
        CancellationToken cancellationToken)
    {
        var form = string.Join('&', new[] { KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", version) }
            .Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return SendCoreAsync(
            _own,
            service,
            action,
            region,
            Encoding.UTF8.GetBytes(form),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            },
            ParseXml,
            cancellationToken);
    }

    private async Task<T> SendCoreAsync<T>(
        AwsCaller caller,
        AwsService service,
        string operation,
        string? region,
        byte[] body,
        IReadOnlyDictionary<string, string> headers,
        Func<AwsService, string, HttpStatusCode, string, T> parse,
        CancellationToken cancellationToken)
    {
        var signingRegion = regions.Resolve(region);
        var endpoint = endpoints.Resolve(service, signingRegion);
        using var span = AwsCallTelemetry.Start(service, operation, signingRegion);
        var context = ResilienceContextPool.Shared.Get($"{service.Name} {operation}", cancellationToken);
        if (caller.Gate is { } gate)
        {
            context.Properties.Set(AwsCallPipeline.Gate, token => gate(service, signingRegion, token));
        }

        try
        {
            return await _pipeline.ExecuteAsync(
                async attempt => await AttemptAsync(caller, service, operation, signingRegion, endpoint, body, headers, parse, attempt.CancellationToken)
                    .ConfigureAwait(false),
                context).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            // Out of time while waiting to retry: the failure that made it retry says more than "timeout".
            if (context.Properties.GetValue(AwsCallPipeline.OutOfTime, false)
                && context.Properties.TryGetValue(AwsCallPipeline.LastFailure, out var last)
                && last is not TimeoutRejectedException)
            {
                ExceptionDispatchInfo.Throw(last);
            }

            var limits = options.Value;
            throw new TimeoutException(
                $"{service.Name} {operation} in {signingRegion}: no answer within {limits.AttemptTimeout.TotalSeconds:0.###} s an attempt "
                + $"({limits.MaxAttempts} attempts, {limits.TotalTimeout.TotalSeconds:0.###} s in all).",
                timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> AttemptAsync<T>(
        AwsCaller caller,
        AwsService service,
        string operation,
        string region,
        Uri endpoint,
        byte[] body,
        IReadOnlyDictionary<string, string> headers,
        Func<AwsService, string, HttpStatusCode, string, T> parse,
        CancellationToken token)
    {
        using var message = await BuildAsync(caller, service, operation, region, endpoint, body, headers, token).ConfigureAwait(false);
        counter.Record();
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return parse(service, operation, response.StatusCode, text);
            }

            var header = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            var (code, errorMessage) = AwsErrorReader.Read(response.StatusCode, header, text);
            throw new AwsServiceException(service.Name, operation, code, errorMessage, response.StatusCode);
        }
        catch (IOException exception)
        {
            // A connection dropped mid-body: as retryable as a refused connection.
            throw new HttpRequestException($"{service.Name} {operation}: connection failed: {exception.Message}", exception);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(
        AwsCaller caller,
        AwsService service,
        string operation,
        string region,
        Uri endpoint,
        byte[] body,
        IReadOnlyDictionary<string, string> headers,
        CancellationToken token)
    {
        ImmutableCredentials resolved;
        try
        {
            resolved = await caller.Keys(token).ConfigureAwait(false);
        }
        catch (AmazonClientException exception)
        {
            throw new AwsServiceException(
                service.Name, operation, "CredentialsUnavailable", exception.Message, 0, exception);
        }

        var unsigned = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        var signed = signer.Sign(service, region, endpoint, unsigned, body, resolved, time.GetUtcNow());

        var content = new ByteArrayContent(body);
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content, Version = HttpVersion.Version11 };
        foreach (var (name, value) in signed)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                // Exactly the signed value: HttpClient must not normalise it or add a charset.
                content.Headers.TryAddWithoutValidation(name, value);
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

    // moto labels successful JSON replies text/html, so the content type is ignored and the body parsed regardless.
    private static JsonObject ParseSuccess(AwsService service, string operation, HttpStatusCode status, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new JsonException("the reply is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new AwsServiceException(
                service.Name, operation, "MalformedResponse", $"Unreadable reply: {exception.Message}", status, exception);
        }
    }

    private static XDocument ParseXml(AwsService service, string operation, HttpStatusCode status, string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException exception)
        {
            throw new AwsServiceException(
                service.Name, operation, "MalformedResponse", $"Unreadable reply: {exception.Message}", status, exception);
        }
    }
}
