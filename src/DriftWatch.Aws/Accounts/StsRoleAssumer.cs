using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;

namespace DriftWatch.Aws.Accounts;

/// <summary>AssumeRole through AWSSDK.SecurityToken, signed with the worker's own credentials; every call is counted.</summary>
internal sealed class StsRoleAssumer(AwsCredentialsSource credentials, AwsRegionResolver regions, AwsClientOptions options, ApiCallCounter counter)
    : IRoleAssumer
{
    public async Task<RoleSession> AssumeAsync(
        string roleArn, string sessionName, string? externalId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            DurationSeconds = (int)duration.TotalSeconds,
        };
        if (!string.IsNullOrEmpty(externalId))
        {
            request.ExternalId = externalId;
        }

        try
        {
            using var sts = new AmazonSecurityTokenServiceClient(
                await credentials.GetAsync(cancellationToken).ConfigureAwait(false), StsConfig.For(regions.DefaultRegion, options));
            counter.Record();
            var reply = await sts.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
            var keys = reply.Credentials ?? throw new AwsServiceException("STS", "AssumeRole", "MalformedResponse", $"no credentials for {roleArn}", 0);
            var expiration = keys.Expiration is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.UtcNow + duration;
            return new RoleSession(new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken), expiration);
        }
        catch (AmazonServiceException exception)
        {
            throw new AwsServiceException(
                "STS", "AssumeRole", exception.ErrorCode ?? "Unknown", $"could not assume {roleArn}: {exception.Message}", exception.StatusCode, exception);
        }
        catch (AmazonClientException exception)
        {
            throw new AwsServiceException("STS", "AssumeRole", "ClientError", $"could not assume {roleArn}: {exception.Message}", 0, exception);
        }
    }
}
