namespace DriftWatch.Sinks.Soc;

/// <summary>What a notice does to the SOC's view of an account: raise or clear a standing problem, or tell one event.</summary>
public enum NoticeEffect
{
    /// <summary>A problem with the account now stands (a PagerDuty trigger; the account's finding for the kind fails).</summary>
    Raises,

    /// <summary>The standing problem is gone (a PagerDuty resolve; the account's finding for the kind passes).</summary>
    Clears,

    /// <summary>Something happened once and changed nothing that stands (a finding of its own; an alert to acknowledge).</summary>
    Informs,
}
