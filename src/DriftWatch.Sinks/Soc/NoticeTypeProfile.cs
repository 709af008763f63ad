namespace DriftWatch.Sinks.Soc;

/// <summary>
/// How every SOC sink treats one notice type. A new type is one row in <see cref="Known"/>; a type with no row is
/// still delivered, as a one-off event (<see cref="NoticeEffect.Informs"/>) named after the type.
/// </summary>
/// <param name="Type">The notice type, e.g. incident.opened.</param>
/// <param name="Headline">Lower-case words for people ("incident opened").</param>
/// <param name="Effect">What it does to the account's standing problem.</param>
/// <param name="DefaultKind">The incident kind when the notice carries none (notices before kinds existed).</param>
/// <param name="ComplianceStatus">The ASFF Compliance.Status it sets; null for a notice that judges no control.</param>
/// <param name="WorkflowStatus">The ASFF Workflow.Status it asks for (Security Hub applies it when it creates the finding).</param>
/// <param name="Severity">Overrides the kind's severity; null keeps the kind's.</param>
/// <param name="FindingTypes">Overrides the kind's ASFF Types; null keeps the kind's.</param>
public sealed record NoticeTypeProfile(
    string Type,
    string Headline,
    NoticeEffect Effect,
    string DefaultKind,
    string? ComplianceStatus,
    string WorkflowStatus,
    NoticeSeverity? Severity = null,
    IReadOnlyList<string>? FindingTypes = null)
{
    /// <summary>The types DriftWatch sends today and those the open issues add.</summary>
    public static IReadOnlyDictionary<string, NoticeTypeProfile> Known { get; } = new NoticeTypeProfile[]
    {
        new("incident.opened", "incident opened", NoticeEffect.Raises, IncidentKindProfile.Coverage, "FAILED", "NEW"),
        new("incident.resolved", "incident resolved", NoticeEffect.Clears, IncidentKindProfile.Coverage, "PASSED", "RESOLVED"),
        // Evaluations keep failing: the control cannot be checked, which is neither a pass nor a fail.
        new("monitoring.blind", "monitoring blind", NoticeEffect.Raises, IncidentKindProfile.Monitoring, "NOT_AVAILABLE", "NEW"),
        // A refused call changed nothing, but someone tried: worth a look, never a page.
        new("attempt.denied", "attempt denied", NoticeEffect.Informs, IncidentKindProfile.Coverage, null, "NEW",
            NoticeSeverity.Informational, ["TTPs/Defense Evasion/Denied attempt to reduce CloudTrail logging"]),
    }.ToDictionary(p => p.Type, StringComparer.Ordinal);

    /// <summary>The row for a type, or a one-off event named after it.</summary>
    public static NoticeTypeProfile For(string type) =>
        Known.TryGetValue(type, out var known)
            ? known
            : new(type, string.Join(' ', Words(type)).ToLowerInvariant(), NoticeEffect.Informs, IncidentKindProfile.Coverage, null, "NEW");

    /// <summary>The EventBridge detail-type: "DriftWatch " and the type's words capitalised (incident.opened → DriftWatch Incident Opened).</summary>
    public string DetailType => "DriftWatch " + string.Join(' ', Words(Type).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static IEnumerable<string> Words(string type) =>
        type.Split(['.', '_', '-', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
