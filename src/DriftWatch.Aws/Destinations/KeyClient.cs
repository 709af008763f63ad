using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Destinations;

/// <summary>DescribeKey over the AWSSDK.KeyManagementService client of the account that signs.</summary>
internal sealed class KeyClient(DestinationSdkClients clients) : IKeyClient
{
    public async Task<DestinationKey> DescribeAsync(string accountId, string region, string keyId, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await clients.KmsFor(accountId, region)
                .DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, cancellationToken).ConfigureAwait(false);
            var key = reply.KeyMetadata;
            DateTimeOffset? deletion = key?.DeletionDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null;
            return new DestinationKey(keyId, key is not null, key?.KeyState?.Value, deletion);
        }
        catch (NotFoundException)
        {
            return new DestinationKey(keyId, false, null);
        }
        catch (AmazonServiceException exception)
        {
            throw new AwsServiceException("KMS", "DescribeKey", exception.ErrorCode ?? exception.GetType().Name, exception.Message, exception.StatusCode, exception);
        }
    }
}
