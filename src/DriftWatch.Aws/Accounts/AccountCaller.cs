using System.Text.Json.Nodes;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Core;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// Calls AWS as an account: signed with DriftWatch's own keys when it is DriftWatch's own account, else with the cached
/// session of the role assumed there; which keys is decided per attempt. CloudTrail calls pass the account's
/// per-region rate limit before each attempt, retries included.
/// </summary>
internal sealed class AccountCaller(
    Json11Client json,
    AwsCredentialsSource ownCredentials,
    IAccountIdentity identity,
    AssumedRoleSessions sessions,
    CloudTrailRateLimiter limiter)
{
    public Task<JsonObject> SendAsync(
        string accountId, AwsService service, string operation, string region, JsonObject request, CancellationToken cancellationToken)
    {
        if (!AwsIds.IsAccountId(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not a 12-digit account id", nameof(accountId));
        }

        var caller = new AwsCaller(
            token => KeysForAsync(accountId, token),
            service == AwsService.CloudTrail ? (_, at, token) => limiter.WaitAsync(accountId, at, token) : null);
        return json.SendAsync(caller, service, operation, region, request, cancellationToken);
    }

    /// <summary>The keys that act as the account now: DriftWatch's own in its own account, else the assumed role's session.</summary>
    public async Task<ImmutableCredentials> KeysForAsync(string accountId, CancellationToken cancellationToken)
    {
        var own = await identity.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        return own == accountId
            ? await ownCredentials.GetImmutableAsync(cancellationToken).ConfigureAwait(false)
            : await sessions.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
    }
}
