namespace DriftWatch.Aws.SecurityHub;

/// <summary>
/// The part of an AWS Security Finding Format (ASFF) finding DriftWatch writes and reads, in the wire's own names
/// (botocore's securityhub 2018-10-26 model, shape AwsSecurityFinding). Timestamps are ISO 8601 strings, as on the
/// wire; null members are left out of the request.
/// </summary>
public sealed record SecurityFinding(
    string SchemaVersion,
    string Id,
    string ProductArn,
    string GeneratorId,
    string AwsAccountId,
    string CreatedAt,
    string UpdatedAt,
    string Title,
    string Description,
    IReadOnlyList<FindingResource> Resources)
{
    /// <summary>The only ASFF schema version.</summary>
    public const string Schema = "2018-10-08";

    /// <summary>Region the finding was imported in.</summary>
    public string? Region { get; init; }

    /// <summary>namespace/category/classifier, at most 50.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>When the issue was first seen.</summary>
    public string? FirstObservedAt { get; init; }

    /// <summary>When the issue was last seen.</summary>
    public string? LastObservedAt { get; init; }

    /// <summary>How bad it is.</summary>
    public FindingSeverity? Severity { get; init; }

    /// <summary>How to fix it.</summary>
    public FindingRemediation? Remediation { get; init; }

    /// <summary>Provider details outside ASFF: at most 50 pairs, keys up to 128 and values up to 2048 characters.</summary>
    public IReadOnlyDictionary<string, string>? ProductFields { get; init; }

    /// <summary>The control's status for the resources.</summary>
    public FindingCompliance? Compliance { get; init; }

    /// <summary>The investigation's status; Security Hub keeps the customer's once the finding exists.</summary>
    public FindingWorkflow? Workflow { get; init; }

    /// <summary>ACTIVE or ARCHIVED.</summary>
    public string? RecordState { get; init; }

    /// <summary>The provider's own severity and types, which Security Hub keeps apart from customer edits.</summary>
    public FindingProviderFields? FindingProviderFields { get; init; }
}
