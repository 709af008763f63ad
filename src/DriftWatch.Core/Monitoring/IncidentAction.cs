namespace DriftWatch.Core.Monitoring;

/// <summary>What an evaluation means for the SOC.</summary>
public enum IncidentAction
{
    /// <summary>Nothing to tell.</summary>
    None,

    /// <summary>Coverage dropped: open an incident.</summary>
    Open,

    /// <summary>Coverage returned: resolve the open incident.</summary>
    Resolve,

    /// <summary>The account could not be evaluated for too long: DriftWatch is blind there.</summary>
    MonitoringBlind,
}
