using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// The consumers' retry of transient faults (a DynamoDB call that failed past the SDK's own retries, a commit that
/// kept losing races): twice more, soon, before the fault reaches the asker, which then leaves the work to a later
/// delivery or sweep. "Could not evaluate" is an answer, not a fault, and is never retried here.
/// </summary>
public static class TransientFaultRetry
{
    /// <summary>The waits before the second and third attempt.</summary>
    public static IReadOnlyList<TimeSpan> Intervals { get; } = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    /// <summary>Applies the policy to a consumer's retry configuration.</summary>
    public static void Configure(IRetryConfigurator retry)
    {
        // A stopping host cancels: that is no fault to retry.
        retry.Ignore<OperationCanceledException>();
        retry.Intervals([.. Intervals]);
    }
}
