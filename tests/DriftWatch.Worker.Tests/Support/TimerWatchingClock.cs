using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// A fake clock that also tells when a timer is set on it, so a test advances time only once the wait it means to
/// end has begun (advancing earlier would move the clock past a timer not yet set).
/// </summary>
public sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due after exactly <paramref name="dueTime"/> is set, passing over others.</summary>
    public async Task TimerSetAsync(TimeSpan dueTime)
    {
        while (await NextTimerAsync() != dueTime)
        {
        }
    }

    /// <summary>The due time of the next timer set.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(ControlledEvaluation.Patience);
        return await _timers.Reader.ReadAsync(timeout.Token);
    }
}
