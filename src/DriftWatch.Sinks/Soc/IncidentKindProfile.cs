namespace DriftWatch.Sinks.Soc;

/// <summary>
/// How every SOC sink presents one incident kind: its control, its standards mapping and its severity. A new kind is
/// one row in <see cref="Known"/>; a kind with no row is still delivered under a generic control named after it.
/// </summary>
/// <param name="Kind">The kind, e.g. coverage.</param>
/// <param name="Subject">What it is about, for people ("CloudTrail coverage").</param>
/// <param name="Title">The control as a statement that holds when it passes (the ASFF Title, at most 256 characters).</param>
/// <param name="Control">The ASFF GeneratorId: the DriftWatch control that produced the finding.</param>
/// <param name="FindingTypes">ASFF Types (namespace/category/classifier).</param>
/// <param name="Requirements">ASFF Compliance.RelatedRequirements: the frameworks' controls it checks.</param>
/// <param name="Severity">How bad a raised problem of this kind is.</param>
public sealed record IncidentKindProfile(
    string Kind,
    string Subject,
    string Title,
    string Control,
    IReadOnlyList<string> FindingTypes,
    IReadOnlyList<string> Requirements,
    NoticeSeverity Severity)
{
    /// <summary>CloudTrail no longer records read and write management events in every region.</summary>
    public const string Coverage = "coverage";

    /// <summary>Logs are recorded but not kept or delivered (issue 11: retention, destination).</summary>
    public const string Integrity = "integrity";

    /// <summary>DriftWatch itself cannot see (evaluations failing; issue 12: silent forwarders).</summary>
    public const string Monitoring = "monitoring";

    private const string Standards = "Software and Configuration Checks/Industry and Regulatory Standards/";

    /// <summary>The kinds DriftWatch raises today and those the open issues add.</summary>
    public static IReadOnlyDictionary<string, IncidentKindProfile> Known { get; } = new IncidentKindProfile[]
    {
        new(
            Coverage,
            "CloudTrail coverage",
            "CloudTrail should record read and write management events in every region",
            "driftwatch/cloudtrail-multi-region-management-events",
            [
                Standards + "ISO 27001 A.8.15 Logging",
                Standards + "CIS AWS Foundations Benchmark 3.1",
                Standards + "AWS Foundational Security Best Practices CloudTrail.1",
            ],
            ["ISO/IEC 27001:2022 A.8.15", "CIS AWS Foundations Benchmark 3.1", "AWS Security Hub CloudTrail.1"],
            NoticeSeverity.High),
        new(
            Integrity,
            "CloudTrail log integrity",
            "CloudTrail logs should be delivered and kept as long as required",
            "driftwatch/cloudtrail-log-integrity",
            [Standards + "ISO 27001 A.8.15 Logging"],
            ["ISO/IEC 27001:2022 A.8.15"],
            NoticeSeverity.Medium),
        new(
            Monitoring,
            "DriftWatch monitoring",
            "DriftWatch should be able to verify CloudTrail coverage",
            "driftwatch/monitoring",
            [Standards + "ISO 27001 A.8.16 Monitoring activities"],
            ["ISO/IEC 27001:2022 A.8.16"],
            NoticeSeverity.Medium),
    }.ToDictionary(p => p.Kind, StringComparer.Ordinal);

    /// <summary>The row for a kind, or a generic control named after it.</summary>
    public static IncidentKindProfile For(string kind) =>
        Known.TryGetValue(kind, out var known)
            ? known
            : new(
                kind,
                $"DriftWatch {kind}",
                $"DriftWatch {kind} control should pass",
                $"driftwatch/{kind}",
                [Standards + "ISO 27001 A.8.15 Logging"],
                ["ISO/IEC 27001:2022 A.8.15"],
                NoticeSeverity.Medium);
}
