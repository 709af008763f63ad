using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Calls an AWS JSON 1.1 operation: signs with SigV4, retries throttling, 429, 5xx, timeouts and connection failures
/// with backoff, and returns the reply body. Caller cancellation is never retried. Every attempt is counted, and
/// passes the optional gate first (the per-account CloudTrail rate limit), retries included.
/// </summary>
internal sealed partial class Json11Client(
    HttpClient http,
    SigV4Signer signer,
    AwsCredentialsSource credentials,
    EndpointResolver endpoints,
    AwsRegionResolver regions,
    BackoffPolicy retry,
    ApiCallCounter counter,
    TimeProvider time,
    ILogger<Json11Client> logger,
    RequestGate? gate = null)
{
    private const string ContentType = "application/x-amz-json-1.1";

    public Task<JsonObject> SendAsync(
        AwsService service, string operation, string? region, JsonObject request, CancellationToken cancellationToken) =>
        SendCoreAsync(
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
    /// Calls an AWS query-protocol action (STS): a signed form POST whose reply is XML. Same retries, budget and
    /// counting as the JSON calls, without an SDK client to build on the way (a cold `check` feels that).
    /// </summary>
    public Task<XDocument> SendQueryAsync(
        AwsService service, string action, string version, string? region, CancellationToken cancellationToken) =>
        SendCoreAsync(
            service,
            action,
            region,
            Encoding.UTF8.GetBytes($"Action={Uri.EscapeDataString(action)}&Version={Uri.EscapeDataString(version)}"),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            },
            ParseXml,
            cancellationToken);

    private async Task<T> SendCoreAsync<T>(
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

        using var budget = new CancellationTokenSource(retry.TotalTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var started = time.GetTimestamp();
        Exception? last = null;

        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = retry.DelayBefore(attempt);
                if (time.GetElapsedTime(started) + delay >= retry.TotalTimeout)
                {
                    break;
                }

                LogRetry(service.Name, operation, Describe(last), attempt, retry.MaxAttempts, delay);
                try
                {
                    await Task.Delay(delay, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            try
            {
                if (gate is not null)
                {
                    await gate(service, signingRegion, linked.Token).ConfigureAwait(false);
                }

                return await AttemptAsync(service, operation, signingRegion, endpoint, body, headers, parse, linked.Token, started)
                    .ConfigureAwait(false);
            }
            catch (AwsServiceException exception) when (BackoffPolicy.IsRetryable(exception))
            {
                last = exception;
            }
            catch (HttpRequestException exception)
            {
                last = exception;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = new TimeoutException(
                    $"{service.Name} {operation} in {signingRegion}: no answer within {retry.AttemptTimeout.TotalSeconds:0.###} s " +
                    $"(attempt {attempt} of {retry.MaxAttempts}).");
            }
        }

        ExceptionDispatchInfo.Throw(last ?? new TimeoutException($"{service.Name} {operation}: out of time before the first attempt."));
        throw new UnreachableException();
    }

    private async Task<T> AttemptAsync<T>(
        AwsService service,
        string operation,
        string region,
        Uri endpoint,
        byte[] body,
        IReadOnlyDictionary<string, string> headers,
        Func<AwsService, string, HttpStatusCode, string, T> parse,
        CancellationToken callToken,
        long started)
    {
        var remaining = retry.TotalTimeout - time.GetElapsedTime(started);
        var attemptTimeout = remaining < retry.AttemptTimeout ? remaining : retry.AttemptTimeout;
        using var attemptBudget = new CancellationTokenSource(attemptTimeout > TimeSpan.Zero ? attemptTimeout : TimeSpan.FromMilliseconds(1), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, attemptBudget.Token);
        var token = linked.Token;

        using var message = await BuildAsync(service, operation, region, endpoint, body, headers, token).ConfigureAwait(false);
        counter.Record();
        try
        {
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
            resolved = await credentials.GetImmutableAsync(token).ConfigureAwait(false);
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

    private static string Describe(Exception? exception) => exception switch
    {
        AwsServiceException aws => $"{aws.ErrorCode} ({(int)aws.StatusCode})",
        null => "nothing",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Service} {Operation} after {Failure}: attempt {Attempt} of {MaxAttempts} in {Delay}")]
    private partial void LogRetry(string service, string operation, string failure, int attempt, int maxAttempts, TimeSpan delay);
}
