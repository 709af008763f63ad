using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Identity;

/// <summary>
/// Asks STS through the SDK. With no configured endpoint the SDK itself honours AWS_ENDPOINT_URL_STS and
/// AWS_ENDPOINT_URL; a configured one (an emulator) is set as ServiceURL.
/// </summary>
internal sealed class StsAccountIdentity(
    AwsCredentialsSource credentials, AwsRegionResolver regions, AwsClientOptions options, ApiCallCounter counter)
    : IAccountIdentity
{
    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        var region = regions.DefaultRegion;
        var config = new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            MaxErrorRetry = options.MaxAttempts - 1,
            Timeout = options.AttemptTimeout,
        };
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

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
