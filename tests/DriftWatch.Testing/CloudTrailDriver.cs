using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using DriftWatch.Aws.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Testing;

/// <summary>
/// Makes real CloudTrail changes in moto, as an operator (or an attacker) would. Lifecycle calls go by trail NAME in
/// the home region: moto answers StartLogging/StopLogging with an HTML 500 when given an ARN.
/// </summary>
public sealed class CloudTrailDriver : IDisposable
{
    private readonly ServiceProvider _aws;
    private readonly Json11Client _json;
    private readonly AmazonS3Client _s3;

    /// <summary>
    /// Creates a driver for the moto at <paramref name="endpoint"/>, acting in moto's default account, or in the
    /// account <paramref name="credentials"/> belong to (keys from STS AssumeRole act in the role's account).
    /// </summary>
    public CloudTrailDriver(Uri endpoint, Amazon.Runtime.AWSCredentials? credentials = null)
    {
        _aws = AwsServices.ForMoto(endpoint, credentials);
        _json = _aws.GetRequiredService<Json11Client>();
        _s3 = new AmazonS3Client(credentials ?? MotoAws.Credentials, new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
    }

    /// <summary>Creates the S3 bucket a trail delivers to (moto refuses CreateTrail without it).</summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default) =>
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);

    /// <summary>Creates a trail homed in <paramref name="region"/> and returns its ARN.</summary>
    public async Task<string> CreateTrailAsync(
        string name, string region, bool multiRegion, string bucket, bool isOrganization = false, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync("CreateTrail", region, new JsonObject
        {
            ["Name"] = name,
            ["S3BucketName"] = bucket,
            ["IsMultiRegionTrail"] = multiRegion,
            ["IsOrganizationTrail"] = isOrganization,
        }, cancellationToken);
        return reply["TrailARN"]?.GetValue<string>() ?? throw new InvalidOperationException("CreateTrail returned no TrailARN");
    }

    /// <summary>Turns logging on.</summary>
    public Task StartLoggingAsync(string name, string region, CancellationToken cancellationToken = default) =>
        CallAsync("StartLogging", region, new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>Turns logging off: the drift DriftWatch exists to catch.</summary>
    public Task StopLoggingAsync(string name, string region, CancellationToken cancellationToken = default) =>
        CallAsync("StopLogging", region, new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>Changes whether the trail covers every region.</summary>
    public Task UpdateTrailAsync(string name, string region, bool multiRegion, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateTrail", region, new JsonObject { ["Name"] = name, ["IsMultiRegionTrail"] = multiRegion }, cancellationToken);

    /// <summary>
    /// Replaces the trail's selectors with a JSON array of basic selectors
    /// (e.g. <c>[{"ReadWriteType":"All","IncludeManagementEvents":true}]</c>) or of advanced ones; give one kind.
    /// </summary>
    public Task PutEventSelectorsAsync(
        string name, string region, string? basicSelectorsJson = null, string? advancedSelectorsJson = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["TrailName"] = name };
        if (basicSelectorsJson is not null)
        {
            request["EventSelectors"] = JsonNode.Parse(basicSelectorsJson);
        }

        if (advancedSelectorsJson is not null)
        {
            request["AdvancedEventSelectors"] = JsonNode.Parse(advancedSelectorsJson);
        }

        return CallAsync("PutEventSelectors", region, request, cancellationToken);
    }

    /// <summary>Deletes the trail (moto answers 200 for an unknown one).</summary>
    public Task DeleteTrailAsync(string name, string region, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteTrail", region, new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>Name, ARN and home region of every trail visible in the region (all pages).</summary>
    public async Task<IReadOnlyList<TrailListing>> ListTrailsAsync(string region, CancellationToken cancellationToken = default)
    {
        var trails = new List<TrailListing>();
        string? nextToken = null;
        do
        {
            var request = new JsonObject();
            if (nextToken is not null)
            {
                request["NextToken"] = nextToken;
            }

            var reply = await CallAsync("ListTrails", region, request, cancellationToken);
            trails.AddRange((reply["Trails"] as JsonArray ?? []).OfType<JsonObject>().Select(trail => new TrailListing(
                trail["Name"]?.GetValue<string>() ?? "",
                trail["TrailARN"]?.GetValue<string>() ?? "",
                trail["HomeRegion"]?.GetValue<string>() ?? region)));
            nextToken = reply["NextToken"]?.GetValue<string>() is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);

        return trails;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _s3.Dispose();
        _aws.Dispose();
    }

    private Task<JsonObject> CallAsync(string operation, string region, JsonObject request, CancellationToken cancellationToken) =>
        _json.SendAsync(AwsService.CloudTrail, operation, region, request, cancellationToken);
}
