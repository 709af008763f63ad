using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace DriftWatch.Aws.Http;

/// <summary>
/// DriftWatch's own credentials: the ones registered in the container, else the SDK default chain (env, profile, SSO,
/// container, IMDS), resolved once; refreshing credentials renew themselves on each GetCredentialsAsync.
/// </summary>
internal sealed class AwsCredentialsSource(AWSCredentials? explicitCredentials)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved = explicitCredentials;

    /// <summary>The keys to sign with now.</summary>
    public async Task<ImmutableCredentials> GetImmutableAsync(CancellationToken cancellationToken)
    {
        var credentials = await GetAsync(cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }

    private async Task<AWSCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _resolved) is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _resolved ??= await new DefaultAWSCredentialsIdentityResolver()
                .ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
