using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Identity;

/// <summary>Asks STS through the SDK (endpoint choice in <see cref="StsConfig"/>).</summary>
internal sealed class StsAccountIdentity(
    AwsCredentialsSource credentials, AwsRegionResolver regions, AwsClientOptions options, ApiCallCounter counter)
    : IAccountIdentity
{
    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        var config = StsConfig.For(regions.DefaultRegion, options);
        try
        {
            using var sts = new AmazonSecurityTokenServiceClient(
                await credentials.GetAsync(cancellationToken).ConfigureAwait(false), config);
            counter.Record();
            var reply = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return reply.Account;
        }
        catch (AmazonServiceException exception)
        {
            throw new AwsServiceException(
                "STS", "GetCallerIdentity", exception.ErrorCode ?? "Unknown", exception.Message, exception.StatusCode, exception);
        }
        catch (AmazonClientException exception)
        {
            throw new AwsServiceException("STS", "GetCallerIdentity", "ClientError", exception.Message, 0, exception);
        }
    }
}
