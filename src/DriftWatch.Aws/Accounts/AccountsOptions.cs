using System.ComponentModel.DataAnnotations;
using DriftWatch.Core;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// How DriftWatch reaches accounts other than its own: the role it assumes in each, how long a session lives, the
/// management account that owns organization trails, and the CloudTrail call budget per account and region.
/// </summary>
public sealed class AccountsOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "DriftWatch:Accounts";

    /// <summary>Role assumed in every other account: arn:aws:iam::ACCOUNT:role/RoleName (infra/driftwatch-member.yaml).</summary>
    [Required]
    [RegularExpression(@"^[\w+=,.@-]{1,64}$", ErrorMessage = "RoleName must be an IAM role name (no path).")]
    public string RoleName { get; set; } = "DriftWatchReader";

    /// <summary>sts:ExternalId the member roles require, if any. A secret of sorts: never logged.</summary>
    [RegularExpression(@"^[\w+=,.@:/-]{2,1224}$", ErrorMessage = "ExternalId must be 2-1224 characters of [A-Za-z0-9+=,.@:/_-].")]
    public string? ExternalId { get; set; }

    /// <summary>RoleSessionName; CloudTrail in the member shows it, so it names the worker. Default driftwatch-HOST.</summary>
    [RegularExpression(@"^[\w+=,.@-]{2,64}$", ErrorMessage = "SessionName must be 2-64 characters of [A-Za-z0-9+=,.@_-].")]
    public string SessionName { get; set; } = DefaultSessionName();

    /// <summary>DurationSeconds asked of AssumeRole (the role's MaxSessionDuration must allow it).</summary>
    [Range(typeof(TimeSpan), "00:15:00", "12:00:00")]
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A cached session is renewed this long before it expires, so no call is signed with dying keys.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:14:00")]
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The organization's management account: organization trails live there, and Organizations ListAccounts is
    /// called with its role. Empty: the worker's own credentials call Organizations and no org trail is looked up.
    /// </summary>
    [AccountId]
    public string? ManagementAccountId { get; set; }

    /// <summary>CloudTrail calls started per account and region in any one second (AWS allows 10 for the read APIs).</summary>
    [Range(1, 100)]
    public int CloudTrailRequestsPerSecond { get; set; } = 10;

    /// <summary>
    /// Holds CloudTrailRequestsPerSecond across every worker, with a count per account, region and second in the state
    /// table (one conditional write per CloudTrail call). Off: each worker keeps the budget on its own.
    /// </summary>
    public bool SharedCloudTrailBudget { get; set; }

    /// <summary>How long one read of the management account's organization trails serves member evaluations.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan OrganizationTrailMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Account discovery through AWS Organizations.</summary>
    public OrganizationDiscoveryOptions Organization { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Organization.AccountListMaxAge < TimeSpan.Zero || Organization.AccountListMaxAge > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult(
                "Organization:AccountListMaxAge must be between 00:00:00 and 1.00:00:00", ["Organization:AccountListMaxAge"]);
        }
    }

    /// <summary>The role DriftWatch assumes in the account (partition taken from the region).</summary>
    public string RoleArnFor(string accountId, string region) => $"arn:{AwsIds.PartitionOf(region)}:iam::{accountId}:role/{RoleName}";

    /// <summary>The management account when one is set (an empty setting is none).</summary>
    internal string? Management => string.IsNullOrEmpty(ManagementAccountId) ? null : ManagementAccountId;

    private static string DefaultSessionName()
    {
        var host = new string(Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').ToArray());
        var name = "driftwatch-" + (host.Length == 0 ? "worker" : host);
        return name.Length > 64 ? name[..64] : name;
    }
}
