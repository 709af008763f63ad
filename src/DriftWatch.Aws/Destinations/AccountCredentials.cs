using Amazon.Runtime;
using DriftWatch.Aws.Accounts;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// Credentials that act as one account for an SDK client, looked up per request the way the CloudTrail reads do:
/// DriftWatch's own keys in its own account, the assumed role's cached session elsewhere.
/// </summary>
internal sealed class AccountCredentials(AccountCaller caller, string accountId) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() =>
        caller.KeysForAsync(accountId, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => caller.KeysForAsync(accountId, CancellationToken.None);
}
