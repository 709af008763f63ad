using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws.Snapshots;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// The clients that act in one account: signed with the worker's own credentials when it is the worker's account,
/// else with the cached session of the assumed role. CloudTrail calls pass the account's per-region rate limit.
/// </summary>
public sealed class AccountClients
{
    internal AccountClients(string accountId, ICloudTrailClient cloudTrail, IAccountSnapshotReader snapshotReader, IOrganizationsClient organizations)
    {
        AccountId = accountId;
        CloudTrail = cloudTrail;
        SnapshotReader = snapshotReader;
        Organizations = organizations;
    }

    /// <summary>The account these clients act in.</summary>
    public string AccountId { get; }

    /// <summary>CloudTrail reads in this account.</summary>
    public ICloudTrailClient CloudTrail { get; }

    /// <summary>This account's trails only (organization trails as this account sees them).</summary>
    public IAccountSnapshotReader SnapshotReader { get; }

    /// <summary>Organizations as this account (useful for the management account).</summary>
    public IOrganizationsClient Organizations { get; }
}
