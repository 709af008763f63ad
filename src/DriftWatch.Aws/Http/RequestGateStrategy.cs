using Polly;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Waits at the call's gate (<see cref="AwsCallPipeline.Gate"/>) before each attempt. It sits inside the retries, so
/// every attempt spends from the rate budget, and outside the attempt timeout, so a wait for its turn is never
/// mistaken for a slow answer.
/// </summary>
internal sealed class RequestGateStrategy : ResilienceStrategy
{
    /// <inheritdoc />
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (context.Properties.TryGetValue(AwsCallPipeline.Gate, out var gate))
        {
            try
            {
                await gate(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception exception)
            {
                return Outcome.FromException<TResult>(exception);
            }
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
