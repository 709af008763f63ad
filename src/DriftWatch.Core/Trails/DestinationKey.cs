namespace DriftWatch.Core.Trails;

/// <summary>
/// The trail's KMS key as DescribeKey shows it: Found is false when KMS does not know it; State is KMS's KeyState
/// (Enabled, Disabled, PendingDeletion, PendingImport, Unavailable...), DeletionDate set while deletion is pending.
/// </summary>
public sealed record DestinationKey(string KeyId, bool Found, string? State, DateTimeOffset? DeletionDate = null)
{
    /// <summary>KMS's name of the only state in which CloudTrail can encrypt with the key.</summary>
    public const string Enabled = "Enabled";

    /// <summary>KMS's name of the state of a key scheduled for deletion.</summary>
    public const string PendingDeletion = "PendingDeletion";
}
