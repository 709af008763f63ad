using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Attempts;

/// <summary>Where the change consumer sends a refused call: recorded and announced, never evaluated.</summary>
public interface IDeniedAttempts
{
    /// <summary>Records and announces a refused call; null when it is none DriftWatch reports.</summary>
    Task<DeniedAttempt?> RecordAsync(TriggerEvent refused, CancellationToken cancellationToken);
}
