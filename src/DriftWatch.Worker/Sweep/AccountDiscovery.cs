using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws;
using DriftWatch.Core;
using DriftWatch.Records;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sweep;

/// <summary>
/// Which accounts a sweep covers: the configured list (DriftWatch:Sweep:Accounts), every account in the state table,
/// the worker's own, and, with DriftWatch:Accounts:Organization:Enabled, every active account Organizations lists.
/// Suspended and closed accounts are dropped, each with a log line saying so. A source that fails is logged and the
/// others still count: a sweep of fewer accounts beats no sweep.
/// </summary>
public sealed partial class AccountDiscovery(
    IStateStore store,
    IAccountIdentity identity,
    OrganizationDirectory organization,
    IOptions<SweepOptions> sweep,
    IOptions<AccountsOptions> accounts,
    ILogger<AccountDiscovery> logger) : IAccountDiscovery
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var configured in sweep.Value.Accounts)
        {
            if (AwsIds.IsAccountId(configured))
            {
                found.Add(configured);
            }
            else
            {
                LogNotAnAccountId(configured);
            }
        }

        try
        {
            found.UnionWith((await store.ListAccountsAsync(cancellationToken)).Where(AwsIds.IsAccountId));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed("the state table", e.Message);
        }

        try
        {
            found.Add(await identity.GetAccountIdAsync(cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed("the worker's own account (STS)", e.Message);
        }

        if (accounts.Value.Organization.Enabled)
        {
            await AddOrganizationAsync(found, cancellationToken);
        }

        return found.ToList();
    }

    private async Task AddOrganizationAsync(SortedSet<string> found, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrganizationAccount> listed;
        try
        {
            listed = await organization.ListAsync(cancellationToken);
        }
        catch (AwsServiceException e)
        {
            LogSourceFailed("Organizations ListAccounts", $"{e.ErrorCode}: {e.Message}");
            return;
        }

        foreach (var account in listed)
        {
            if (account.IsActive)
            {
                found.Add(account.Id);
            }
            else
            {
                found.Remove(account.Id);
                LogSkipped(account.Id, account.Name, account.State);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep skips account {AccountId} ({Name}): it is {State} in the organization")]
    private partial void LogSkipped(string accountId, string name, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep ignores configured account '{Value}': not a 12-digit account id")]
    private partial void LogNotAnAccountId(string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not list accounts from {Source}: {Error}")]
    private partial void LogSourceFailed(string source, string error);
}
