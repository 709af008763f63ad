using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
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
    private readonly Uri _endpoint;
    private readonly Amazon.Runtime.AWSCredentials _credentials;

    /// <summary>
    /// Creates a driver for the moto at <paramref name="endpoint"/>, acting in moto's default account, or in the
    /// account <paramref name="credentials"/> belong to (keys from STS AssumeRole act in the role's account).
    /// </summary>
    public CloudTrailDriver(Uri endpoint, Amazon.Runtime.AWSCredentials? credentials = null)
    {
        _aws = AwsServices.ForMoto(endpoint, credentials);
        _json = _aws.GetRequiredService<Json11Client>();
        _endpoint = endpoint;
        _credentials = credentials ?? MotoAws.Credentials;
        _s3 = new AmazonS3Client(_credentials, new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
    }

    /// <summary>
    /// Creates the S3 bucket a trail delivers to (moto refuses CreateTrail without it), with the bucket policy AWS
    /// requires before it accepts the trail (moto does not check it): CloudTrail may write this account's logs.
    /// </summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        var account = await _aws.GetRequiredService<IAccountIdentity>().GetAccountIdAsync(cancellationToken);
        await PutBucketPolicyAsync(bucket, CloudTrailBucketPolicy(bucket, account), cancellationToken);
    }

    /// <summary>
    /// The documented CloudTrail bucket policy for every trail of <paramref name="account"/> without a key prefix
    /// (or with <paramref name="keyPrefix"/>): GetBucketAcl on the bucket, PutObject with bucket-owner-full-control on
    /// <c>[prefix/]AWSLogs/&lt;account&gt;/*</c>, both for that account's trails only (aws:SourceAccount).
    /// </summary>
    public static string CloudTrailBucketPolicy(string bucket, string account, string? keyPrefix = null)
    {
        var prefix = keyPrefix is null ? "" : keyPrefix + "/";
        return """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
               "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::<bucket>",
               "Condition":{"StringEquals":{"aws:SourceAccount":"<account>"}}},
              {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
               "Action":"s3:PutObject","Resource":"arn:aws:s3:::<bucket>/<prefix>AWSLogs/<account>/*",
               "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceAccount":"<account>"}}}]}
            """.Replace("<bucket>", bucket, StringComparison.Ordinal).Replace("<prefix>", prefix, StringComparison.Ordinal).Replace("<account>", account, StringComparison.Ordinal);
    }

    /// <summary>Replaces the bucket's policy.</summary>
    public async Task PutBucketPolicyAsync(string bucket, string policy, CancellationToken cancellationToken = default) =>
        await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, cancellationToken);

    /// <summary>Deletes the bucket (a trail's bucket holds no object in moto, which delivers no logs).</summary>
    public async Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken = default) =>
        await _s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, cancellationToken);

    /// <summary>Gives the bucket one enabled lifecycle rule that expires objects under <paramref name="prefix"/> after <paramref name="days"/>.</summary>
    public async Task PutExpirationRuleAsync(string bucket, string ruleId, int days, string prefix = "", CancellationToken cancellationToken = default) =>
        await _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration
            {
                Rules =
                [
                    new LifecycleRule
                    {
                        Id = ruleId,
                        Status = LifecycleRuleStatus.Enabled,
                        Filter = new LifecycleFilter { Prefix = prefix },
                        Expiration = new LifecycleRuleExpiration { Days = days },
                    },
                ],
            },
        }, cancellationToken);

    /// <summary>Creates a KMS key in the region and returns its ARN.</summary>
    public async Task<string> CreateKeyAsync(string region, CancellationToken cancellationToken = default)
    {
        using var kms = Kms(region);
        var reply = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "trail logs" }, cancellationToken);
        return reply.KeyMetadata.Arn;
    }

    /// <summary>Disables a key, named by its id (moto answers a key ARN with HTTP 500).</summary>
    public async Task DisableKeyAsync(string keyArn, string region, CancellationToken cancellationToken = default)
    {
        using var kms = Kms(region);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = KeyIdOf(keyArn) }, cancellationToken);
    }

    /// <summary>Schedules a key's deletion in 7 days, the shortest AWS allows.</summary>
    public async Task ScheduleKeyDeletionAsync(string keyArn, string region, CancellationToken cancellationToken = default)
    {
        using var kms = Kms(region);
        await kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = KeyIdOf(keyArn), PendingWindowInDays = 7 }, cancellationToken);
    }

    /// <summary>Makes the trail encrypt its logs with the key.</summary>
    public Task UpdateTrailKeyAsync(string name, string region, string keyArn, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateTrail", region, new JsonObject { ["Name"] = name, ["KmsKeyId"] = keyArn }, cancellationToken);

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

    private static string KeyIdOf(string keyArn) => keyArn[(keyArn.LastIndexOf('/') + 1)..];

    private AmazonKeyManagementServiceClient Kms(string region) =>
        new(_credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _endpoint.ToString(), AuthenticationRegion = region });

    private Task<JsonObject> CallAsync(string operation, string region, JsonObject request, CancellationToken cancellationToken) =>
        _json.SendAsync(AwsService.CloudTrail, operation, region, request, cancellationToken);
}
