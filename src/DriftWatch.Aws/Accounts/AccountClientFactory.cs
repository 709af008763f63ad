using System.Collections.Concurrent;
using Amazon.Runtime;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws.Snapshots;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// Builds one <see cref="AccountClients"/> per account over the shared connection pool, signer and call counter.
/// Which keys sign is decided per request: the worker's own for its own account, the role session for any other.
/// </summary>
internal sealed class AccountClientFactory(
    Func<AwsCredentialsSource, RequestGate, Json11Client> newJson,
    AwsCredentialsSource ownCredentials,
    IAccountIdentity identity,
    AssumedRoleSessions sessions,
    CloudTrailRateLimiter limiter,
    AwsRegionResolver regions,
    ApiCallCounter counter,
    TimeProvider time,
    ILoggerFactory loggers) : IAccountClients
{
    private readonly ConcurrentDictionary<string, AccountClients> _clients = new(StringComparer.Ordinal);

    public AccountClients For(string accountId)
    {
        if (!AccountsOptions.IsAccountId(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not a 12-digit account id", nameof(accountId));
        }

        return _clients.GetOrAdd(accountId, Build);
    }

    private AccountClients Build(string accountId)
    {
        var credentials = AwsCredentialsSource.FromSession(ct => CredentialsForAsync(accountId, ct));
        var json = newJson(credentials, (service, region, ct) =>
            service == AwsService.CloudTrail ? limiter.WaitAsync(accountId, region, ct) : ValueTask.CompletedTask);
        var cloudTrail = new CloudTrailClient(json);
        var reader = new AccountSnapshotReader(cloudTrail, counter, time, loggers.CreateLogger<AccountSnapshotReader>());
        return new AccountClients(accountId, cloudTrail, reader, new OrganizationsClient(json, regions));
    }

    private async Task<ImmutableCredentials> CredentialsForAsync(string accountId, CancellationToken cancellationToken)
    {
        var own = await identity.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        return own == accountId
            ? await ownCredentials.GetImmutableAsync(cancellationToken).ConfigureAwait(false)
            : await sessions.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
    }
}
