namespace DriftWatch.Aws.Organizations;

/// <summary>An account as Organizations ListAccounts describes it. State: ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED...</summary>
public sealed record OrganizationAccount(string Id, string Name, string State)
{
    /// <summary>Only an active account can be read; suspended and closed ones are skipped (and said so).</summary>
    public bool IsActive => State == "ACTIVE";
}
