using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.SecurityHub;

/// <summary>
/// Security Hub over the restJson1 caller (the AWSSDK.SecurityHub package is not served here); all wire-shape
/// knowledge lives in this file and the finding records.
/// </summary>
internal sealed class SecurityHubClient(RestJsonClient rest) : ISecurityHubClient
{
    /// <summary>Values from botocore's securityhub model: endpoint prefix and signing name "securityhub", serviceId "SecurityHub".</summary>
    internal static readonly AwsService Service = new("SecurityHub", "securityhub", "securityhub", "", "SECURITYHUB");

    private const int MaxFindingsPerCall = 100;

    private static readonly JsonSerializerOptions Wire = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>
    /// The DI factory: the container's AWS HTTP client, endpoints, credentials, region, counter and clock, so what a
    /// test or a deployment registers for the other AWS clients holds for Security Hub too.
    /// </summary>
    public static SecurityHubClient Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AwsClientOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(Json11Client.HttpClientName);
        var rest = new RestJsonClient(
            http,
            services.GetRequiredService<AwsCredentialsSource>(),
            services.GetRequiredService<EndpointResolver>(),
            services.GetRequiredService<AwsRegionResolver>(),
            services.GetRequiredService<ApiCallCounter>(),
            services.GetRequiredService<TimeProvider>(),
            options.AttemptTimeout);
        return new SecurityHubClient(rest);
    }

    public async Task<ImportFindingsResult> BatchImportFindingsAsync(
        string? region, IReadOnlyList<SecurityFinding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var imported = 0;
        foreach (var batch in findings.Chunk(MaxFindingsPerCall))
        {
            var request = new JsonObject { ["Findings"] = JsonSerializer.SerializeToNode(batch, Wire) };
            var reply = await rest.PostAsync(Service, "BatchImportFindings", "/findings/import", region, request, cancellationToken)
                .ConfigureAwait(false);
            var failed = reply["FailedCount"]?.GetValue<int>() ?? 0;
            if (failed > 0)
            {
                // A partial import is a failed delivery: the caller retries the whole batch, an upsert by Id.
                var reasons = (reply["FailedFindings"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(f => $"{(string?)f["Id"]}: {(string?)f["ErrorCode"]} {(string?)f["ErrorMessage"]}")
                    .ToList();
                var code = (string?)(reply["FailedFindings"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?["ErrorCode"];
                throw new AwsServiceException(
                    Service.Name,
                    "BatchImportFindings",
                    code ?? "FindingsRejected",
                    $"Security Hub refused {failed} of {batch.Length} findings: {string.Join("; ", reasons)}",
                    HttpStatusCode.OK);
            }

            imported += reply["SuccessCount"]?.GetValue<int>() ?? batch.Length;
        }

        return new ImportFindingsResult(imported);
    }

    public async Task<SecurityFinding?> GetFindingAsync(string? region, string productArn, string id, CancellationToken cancellationToken)
    {
        var filters = new JsonObject
        {
            ["ProductArn"] = Equal(productArn),
            ["Id"] = Equal(id),
        };
        string? next = null;
        do
        {
            var request = new JsonObject { ["Filters"] = filters.DeepClone(), ["MaxResults"] = 100 };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var reply = await rest.PostAsync(Service, "GetFindings", "/findings", region, request, cancellationToken).ConfigureAwait(false);
            // Matched again here: an emulator may ignore the filters (moto returns every finding).
            var match = (reply["Findings"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .FirstOrDefault(f => (string?)f["Id"] == id && (string?)f["ProductArn"] == productArn);
            if (match is not null)
            {
                return match.Deserialize<SecurityFinding>(Wire);
            }

            next = reply["NextToken"] is JsonValue token && token.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        }
        while (next is not null);
        return null;
    }

    private static JsonArray Equal(string value) => [new JsonObject { ["Value"] = value, ["Comparison"] = "EQUALS" }];
}
