using System.Collections.Concurrent;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// At most N CloudTrail calls start per (account, region) in any one-second window: AWS throttles the read APIs at
/// 10 per second per account and region, and a throttled read is a slower evaluation. A sliding window over the
/// actual start times rather than a token bucket: a bucket refilled at N/s with a burst of N lets 2N through across a
/// refill boundary, and a reservation made ahead of time breaks when a timer fires late; this never does, while the
/// first N calls of an evaluation still go at once. A caller beyond the budget sleeps until the oldest of the last N
/// starts is a second old, then tries again. With a shared budget (<see cref="ISharedCallBudget"/>), a call the window
/// grants also takes a token of the budget all workers share, so N workers keep to N calls per second between them.
/// </summary>
public sealed class CloudTrailRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The longest a call waits for its turn; past it, something is wrong with the clock, not the budget.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<(string Account, string Region), SlidingWindow> _windows = new();
    private readonly int _perSecond;
    private readonly TimeProvider _time;
    private readonly ISharedCallBudget? _shared;
    private readonly long _origin;
    private long _waits;

    /// <summary>
    /// Creates a limiter allowing <paramref name="perSecond"/> call starts per key and second, in this process and,
    /// with <paramref name="shared"/>, across every worker.
    /// </summary>
    public CloudTrailRateLimiter(int perSecond, TimeProvider time, ISharedCallBudget? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _perSecond = perSecond;
        _time = time;
        _shared = shared;
        _origin = time.GetTimestamp();
    }

    /// <summary>Calls that had to wait for their turn, since start.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Waits until a call for the account in the region may start, and records its start.</summary>
    public async ValueTask WaitAsync(string accountId, string region, CancellationToken cancellationToken)
    {
        var window = _windows.GetOrAdd((accountId, region), _ => new SlidingWindow(_perSecond));
        var started = _time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan delay;
            lock (window)
            {
                delay = window.TryStart(_time.GetElapsedTime(_origin));
            }

            if (delay <= TimeSpan.Zero && _shared is not null)
            {
                // The window let this call start; the other workers' calls may still fill the second.
                delay = await _shared.TryTakeAsync(accountId, region, _time.GetUtcNow(), _perSecond, cancellationToken).ConfigureAwait(false);
            }

            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            if (attempt == 0)
            {
                Interlocked.Increment(ref _waits);
            }

            if (_time.GetElapsedTime(started) > MaxWait)
            {
                throw new TimeoutException($"CloudTrail budget of account {accountId} in {region} stayed exhausted for {MaxWait.TotalSeconds} s");
            }

            // Whole milliseconds, at least one: Task.Delay rounds a sub-millisecond wait down to none, which spins.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(1, delay.TotalMilliseconds))), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The last N start times, oldest at the cursor (a ring).</summary>
    private sealed class SlidingWindow(int size)
    {
        private readonly TimeSpan[] _starts = Enumerable.Repeat(TimeSpan.MinValue, size).ToArray();
        private int _oldest;

        /// <summary>Records a start now and returns zero, or returns how long until one may start.</summary>
        public TimeSpan TryStart(TimeSpan now)
        {
            var oldest = _starts[_oldest];
            if (oldest != TimeSpan.MinValue && now - oldest < Window)
            {
                return oldest + Window - now;
            }

            _starts[_oldest] = now;
            _oldest = (_oldest + 1) % _starts.Length;
            return TimeSpan.Zero;
        }
    }
}
