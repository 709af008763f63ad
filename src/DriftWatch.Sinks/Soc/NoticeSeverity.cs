namespace DriftWatch.Sinks.Soc;

/// <summary>
/// DriftWatch's one severity scale, mapped per sink: ASFF labels by name, PagerDuty's four levels from the top
/// (High is PagerDuty's critical: DriftWatch raises nothing above a dropped control).
/// </summary>
public enum NoticeSeverity
{
    /// <summary>ASFF INFORMATIONAL, PagerDuty info.</summary>
    Informational,

    /// <summary>ASFF LOW, PagerDuty warning.</summary>
    Low,

    /// <summary>ASFF MEDIUM, PagerDuty error.</summary>
    Medium,

    /// <summary>ASFF HIGH, PagerDuty critical.</summary>
    High,
}
