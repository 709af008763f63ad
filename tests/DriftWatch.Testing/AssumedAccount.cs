using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftWatch.Aws;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Testing;

/// <summary>
/// Acts as one account of a multi-account moto: keys from AssumeRole into the account (moto honours any account id),
/// then real changes made as that account: trails, Organizations, its member stack, the CloudTrail events it emits.
/// </summary>
public sealed class AssumedAccount : IDisposable
{
    private readonly Uri _endpoint;
    private readonly ServiceProvider _aws;
    private readonly Json11Client _json;
    private readonly AmazonS3Client _s3;

    private AssumedAccount(Uri endpoint, string accountId, AWSCredentials credentials, ImmutableCredentials keys)
    {
        _endpoint = endpoint;
        AccountId = accountId;
        Credentials = credentials;
        Keys = keys;
        _aws = AwsServices.ForMoto(endpoint, credentials);
        _json = _aws.GetRequiredService<Json11Client>();
        _s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    /// <summary>The account acted in.</summary>
    public string AccountId { get; }

    /// <summary>Its session credentials.</summary>
    public AWSCredentials Credentials { get; }

    /// <summary>A bucket of this account for its trails.</summary>
    public string Bucket => $"trail-logs-{AccountId}";

    private ImmutableCredentials Keys { get; }

    /// <summary>Keys in <paramref name="accountId"/> (moto: AssumeRole works into any account, any role name).</summary>
    public static async Task<AssumedAccount> AssumeAsync(Uri endpoint, string accountId, CancellationToken cancellationToken = default)
    {
        using var sts = new AmazonSecurityTokenServiceClient(
            MotoAws.Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var reply = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{accountId}:role/test-setup", RoleSessionName = "test-setup" }, cancellationToken);
        var keys = new ImmutableCredentials(reply.Credentials.AccessKeyId, reply.Credentials.SecretAccessKey, reply.Credentials.SessionToken);
        return new AssumedAccount(endpoint, accountId, new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.Token), keys);
    }

    /// <summary>Creates <see cref="Bucket"/> once, with the bucket policy AWS requires before it accepts a trail of this account.</summary>
    public async Task CreateBucketAsync(CancellationToken cancellationToken = default)
    {
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
        await _s3.PutBucketPolicyAsync(
            new PutBucketPolicyRequest { BucketName = Bucket, Policy = CloudTrailDriver.CloudTrailBucketPolicy(Bucket, AccountId) }, cancellationToken);
    }

    /// <summary>A multi-region trail that passes (read and write management events, logging); returns its ARN.</summary>
    public async Task<string> CreateCompliantTrailAsync(string name, string homeRegion, bool isOrganization = false, CancellationToken cancellationToken = default)
    {
        var reply = await CloudTrailAsync("CreateTrail", homeRegion, new JsonObject
        {
            ["Name"] = name,
            ["S3BucketName"] = Bucket,
            ["IsMultiRegionTrail"] = true,
            ["IsOrganizationTrail"] = isOrganization,
        }, cancellationToken);
        await CloudTrailAsync("PutEventSelectors", homeRegion, new JsonObject
        {
            ["TrailName"] = name,
            ["EventSelectors"] = JsonNode.Parse("""[{"ReadWriteType":"All","IncludeManagementEvents":true}]"""),
        }, cancellationToken);
        await StartLoggingAsync(name, homeRegion, cancellationToken);
        return reply["TrailARN"]!.GetValue<string>();
    }

    /// <summary>Turns logging on.</summary>
    public Task StartLoggingAsync(string name, string region, CancellationToken cancellationToken = default) =>
        CloudTrailAsync("StartLogging", region, new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>Turns logging off.</summary>
    public Task StopLoggingAsync(string name, string region, CancellationToken cancellationToken = default) =>
        CloudTrailAsync("StopLogging", region, new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>Deletes every trail visible from the regions.</summary>
    public async Task DeleteTrailsAsync(IEnumerable<string> regions, CancellationToken cancellationToken = default)
    {
        foreach (var region in regions)
        {
            foreach (var trail in await _aws.GetRequiredService<ICloudTrailClient>().DescribeTrailsAsync(AccountId, region, cancellationToken))
            {
                await CloudTrailAsync("DeleteTrail", trail.HomeRegion, new JsonObject { ["Name"] = trail.Name }, cancellationToken);
            }
        }
    }

    /// <summary>Publishes, on this account's default bus in the region, the CloudTrail event AWS would emit.</summary>
    public async Task<string> PublishAsync(string eventName, string region, string trailName, CancellationToken cancellationToken = default)
    {
        var eventId = Guid.NewGuid().ToString();
        var detail = CloudTrailEvent.Detail(eventName, region, trailName, AccountId, eventId, sourceIp: "203.0.113.9");
        var result = await _aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            region, [CloudTrailEvent.Entry(detail)], cancellationToken);
        if (result.FailedEntryCount != 0)
        {
            throw new InvalidOperationException($"PutEvents in {AccountId}/{region} failed");
        }

        return eventId;
    }

    /// <summary>
    /// PutRule and PutTargets of the forwarder rule (<see cref="ForwarderRules.RuleName"/>) on this account's default
    /// bus in the region: what the member stack's ForwardRule makes, without a CloudFormation stack per account.
    /// </summary>
    public async Task PutForwarderAsync(string region, string pattern, JsonArray targets, CancellationToken cancellationToken = default)
    {
        await _json.SendAsync(AwsService.EventBridge, "PutRule", region, new JsonObject
        {
            ["Name"] = ForwarderRules.RuleName,
            ["EventPattern"] = pattern,
            ["State"] = "ENABLED",
        }, cancellationToken);
        await _json.SendAsync(AwsService.EventBridge, "PutTargets", region, new JsonObject
        {
            ["Rule"] = ForwarderRules.RuleName,
            ["Targets"] = targets.DeepClone(),
        }, cancellationToken);
    }

    /// <summary>Makes this account an organization's management account (idempotent); returns the organization id.</summary>
    public async Task<string> CreateOrganizationAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var created = await OrganizationsAsync("CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" }, cancellationToken);
            return created["Organization"]!["Id"]!.GetValue<string>();
        }
        catch (AwsServiceException e) when (e.ErrorCode == "AlreadyInOrganizationException")
        {
            var described = await OrganizationsAsync("DescribeOrganization", [], cancellationToken);
            return described["Organization"]!["Id"]!.GetValue<string>();
        }
    }

    /// <summary>Creates a member account in this account's organization and returns its id.</summary>
    public async Task<string> CreateMemberAccountAsync(string name, CancellationToken cancellationToken = default)
    {
        var reply = await OrganizationsAsync(
            "CreateAccount", new JsonObject { ["AccountName"] = name, ["Email"] = $"{name}-{Guid.NewGuid():N}@example.com" }, cancellationToken);
        return reply["CreateAccountStatus"]!["AccountId"]!.GetValue<string>();
    }

    /// <summary>Closes a member (moto: SUSPENDED at once).</summary>
    public Task CloseAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        OrganizationsAsync("CloseAccount", new JsonObject { ["AccountId"] = accountId }, cancellationToken);

    /// <summary>
    /// Deploys infra/driftwatch-member.yaml as this account in each region with the aws CLI (what a StackSet instance
    /// does); the reader role is created in the first region only.
    /// </summary>
    public async Task DeployMemberStackAsync(IReadOnlyList<string> regions, string centralEventBusArn, string workerRoleArn, CancellationToken cancellationToken = default)
    {
        foreach (var region in regions)
        {
            var result = await ChildProcess.RunAsync(
                new ChildCommand("aws", [
                    "--endpoint-url", _endpoint.ToString().TrimEnd('/'), "--region", region, "cloudformation", "create-stack",
                    "--stack-name", "driftwatch-member",
                    "--template-body", "file://" + Path.Combine(RepositoryRoot.Path, "infra", "driftwatch-member.yaml"),
                    "--capabilities", "CAPABILITY_NAMED_IAM",
                    "--parameters",
                    $"ParameterKey=CentralEventBusArn,ParameterValue={centralEventBusArn}",
                    $"ParameterKey=WorkerRoleArn,ParameterValue={workerRoleArn}",
                    $"ParameterKey=ReaderRoleRegion,ParameterValue={regions[0]}",
                ]),
                new ChildProcessOptions
                {
                    Environment = new Dictionary<string, string>
                    {
                        ["AWS_ACCESS_KEY_ID"] = Keys.AccessKey,
                        ["AWS_SECRET_ACCESS_KEY"] = Keys.SecretKey,
                        ["AWS_SESSION_TOKEN"] = Keys.Token,
                    },
                    Timeout = TimeSpan.FromMinutes(5),
                },
                cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"member stack in {AccountId}/{region} failed: {result.Stdout}\n{result.Stderr}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _s3.Dispose();
        _aws.Dispose();
    }

    private Task<JsonObject> CloudTrailAsync(string operation, string region, JsonObject request, CancellationToken cancellationToken) =>
        _json.SendAsync(AwsService.CloudTrail, operation, region, request, cancellationToken);

    private Task<JsonObject> OrganizationsAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        _json.SendAsync(AwsService.Organizations, operation, "us-east-1", request, cancellationToken);
}
