using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>
/// A fake clock that also tells which timers were set and for how long. Retry waits, timeouts and rate-limit waits
/// are all timers on the container's TimeProvider, so a test reads each wait exactly and moves time by exactly it.
/// </summary>
/// <remarks>
/// A timer is reported when it is started or changed to a finite due time (Polly's timeouts reuse one by changing it).
/// Task.Delay on a TimeProvider counts whole milliseconds: a wait under 1 ms starts no timer at all.
/// </remarks>
public sealed class RecordingClock() : FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero))
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new Recorded(base.CreateTimer(callback, state, dueTime, period), this);
    }

    /// <summary>The due time of the next timer set that matches (earlier ones that do not are skipped).</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> matches)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(patience.Token);
            if (matches(due))
            {
                return due;
            }
        }
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime > TimeSpan.Zero)
        {
            _timers.Writer.TryWrite(dueTime);
        }
    }

    private sealed class Recorded(ITimer inner, RecordingClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Record(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
