using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Attempts;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>The attempt path as the consumer harness sees it: remembers every refused call handed to it, decides as Core does.</summary>
public sealed class RecordedAttempts : IDeniedAttempts
{
    private readonly ConcurrentQueue<TriggerEvent> _handed = new();

    /// <summary>Every refused call handed over, in order.</summary>
    public IReadOnlyList<TriggerEvent> Handed => _handed.ToList();

    /// <inheritdoc />
    public Task<DeniedAttempt?> RecordAsync(TriggerEvent refused, CancellationToken cancellationToken)
    {
        _handed.Enqueue(refused);
        return Task.FromResult(DeniedAttempt.Decide(refused, null, DateTimeOffset.UnixEpoch));
    }
}
