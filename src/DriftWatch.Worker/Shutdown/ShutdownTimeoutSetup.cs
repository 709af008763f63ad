using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Shutdown;

/// <summary>
/// The host's stop budget is DriftWatch:Shutdown:Timeout. HostOptions are read while the host is built, before the
/// start-up validation that reports a bad setting by its key (exit 64): a bad value leaves the default here, and
/// that validation then stops the start anyway.
/// </summary>
internal sealed class ShutdownTimeoutSetup(IOptions<ShutdownOptions> shutdown) : IConfigureOptions<HostOptions>
{
    /// <inheritdoc />
    public void Configure(HostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.ShutdownTimeout = shutdown.Value.Timeout;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            // Reported by validation at start, naming the key.
        }
    }
}
