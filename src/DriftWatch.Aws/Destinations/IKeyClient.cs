using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Destinations;

/// <summary>KMS DescribeKey of a trail's key, signed as <c>accountId</c>: an unknown key is Found = false, any other failure an <see cref="AwsServiceException"/>.</summary>
public interface IKeyClient
{
    /// <summary>The key's state.</summary>
    Task<DestinationKey> DescribeAsync(string accountId, string region, string keyId, CancellationToken cancellationToken);
}
