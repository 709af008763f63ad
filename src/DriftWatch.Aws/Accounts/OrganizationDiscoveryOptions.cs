namespace DriftWatch.Aws.Accounts;

/// <summary>Whether the sweep also covers every account AWS Organizations lists (DriftWatch:Accounts:Organization).</summary>
public sealed class OrganizationDiscoveryOptions
{
    /// <summary>List the organization's accounts (ListAccounts, with the management account's role when one is set).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long one listing is reused (by sweeps and by membership checks for organization trails).</summary>
    public TimeSpan AccountListMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
