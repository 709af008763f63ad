using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Shutdown;

/// <summary>
/// The token work in flight runs under. A stop does not cancel it at once (the receive loop stops on the host's own
/// token): it is cancelled <see cref="ShutdownOptions.DrainFor"/> after the stop began, so an evaluation and its
/// notice finish, and one that cannot finish in time is cancelled while there is still time to release its message.
/// </summary>
public sealed class ShutdownDrain : IDisposable
{
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenRegistration _onStopping;
    private ITimer? _deadline;

    /// <summary>Arms the drain deadline for when the host starts stopping.</summary>
    public ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(options);
        var drainFor = options.Value.DrainFor;
        ArgumentNullException.ThrowIfNull(time);

        // The deadline's timer exists only once a stop began: a running worker holds no timer for it.
        _onStopping = lifetime.ApplicationStopping.Register(
            () => _deadline = time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), _drain, drainFor, System.Threading.Timeout.InfiniteTimeSpan));
    }

    /// <summary>Cancelled once the drain time after a stop has passed.</summary>
    public CancellationToken Token => _drain.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        _onStopping.Dispose();
        _deadline?.Dispose();
        _drain.Dispose();
    }
}
