using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Credentials for signing: the ones given, else the SDK default chain (env, profile, SSO, container, IMDS), resolved
/// once; refreshing credentials renew themselves on each GetCredentialsAsync. A session source (another account's
/// assumed role) hands out its own short-lived keys instead.
/// </summary>
internal sealed class AwsCredentialsSource(AWSCredentials? explicitCredentials)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved = explicitCredentials;
    private Func<CancellationToken, Task<ImmutableCredentials>>? _session;

    /// <summary>Keys from a session provider (e.g. STS AssumeRole, cached), asked on every signed request.</summary>
    public static AwsCredentialsSource FromSession(Func<CancellationToken, Task<ImmutableCredentials>> session) =>
        new(null) { _session = session };

    public async Task<AWSCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            throw new InvalidOperationException("a session credential source has no SDK credentials object");
        }

        if (_resolved is { } known)
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

    public async Task<ImmutableCredentials> GetImmutableAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return await _session(cancellationToken).ConfigureAwait(false);
        }

        var credentials = await GetAsync(cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
