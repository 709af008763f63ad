namespace DriftWatch.Core.Monitoring;

/// <summary>What an evaluation (or a refused call) means for the SOC.</summary>
public enum IncidentAction
{
    /// <summary>Nothing to tell.</summary>
    None,

    /// <summary>A control dropped: open an incident of its kind.</summary>
    Open,

    /// <summary>The control passes again: resolve the open incident of its kind.</summary>
    Resolve,

    /// <summary>The account could not be evaluated for too long: DriftWatch is blind there.</summary>
    MonitoringBlind,

    /// <summary>AWS refused a call that could have reduced coverage: nothing changed, but someone tried.</summary>
    AttemptDenied,
}
