using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DriftWatch.Worker.Resilience;

/// <summary>
/// The worker's named Polly pipelines, built by the container on its TimeProvider (tests drive them with a fake
/// clock). Retries that must outlive the process (a message returned for later, a notice in the outbox) are not
/// here: they are persisted, on <see cref="Core.Monitoring.RetrySchedule"/>.
/// </summary>
public static class WorkerPipelines
{
    /// <summary>Receiving from the event queue: a failure waits 2, 4, 8, 16, then 30 s between tries, until stopped.</summary>
    public const string QueueReceive = "driftwatch-queue-receive";

    /// <summary>Committing an evaluation: a lost race is evaluated again from fresh reads, up to <see cref="CommitAttempts"/> times.</summary>
    public const string CommitRace = "driftwatch-commit-race";

    /// <summary>Read-evaluate-commit attempts before an evaluation gives up on an account whose state keeps moving.</summary>
    public const int CommitAttempts = 5;

    /// <summary>The first wait after a failed receive.</summary>
    public static readonly TimeSpan FirstReceiveDelay = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between receives.</summary>
    public static readonly TimeSpan MaxReceiveDelay = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first lost race; it doubles with each further one.</summary>
    public static readonly TimeSpan FirstCommitDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Registers both pipelines.</summary>
    public static IServiceCollection AddWorkerPipelines(this IServiceCollection services)
    {
        services.AddResiliencePipeline(QueueReceive, static (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<Queue.EventQueueListener>>();
            var queue = context.ServiceProvider.GetRequiredService<IOptions<QueueOptions>>().Value.Name;
            pipeline.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstReceiveDelay,
                MaxDelay = MaxReceiveDelay,
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                OnRetry = args =>
                {
                    logger.LogWarning("Receiving from {Queue} failed ({Error}); trying again in {Seconds} s",
                        queue, args.Outcome.Exception!.Message, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            });
        });

        services.AddResiliencePipeline<string, CommitAttempt>(CommitRace, static (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<AccountEvaluator>>();
            pipeline.AddRetry(new RetryStrategyOptions<CommitAttempt>
            {
                MaxRetryAttempts = CommitAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstCommitDelay,
                // The race was lost to a commit already made: the retry reads that state, so no jitter is needed to
                // part the racers, and the waits stay exact under a fake clock.
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result?.LostRace == true),
                OnRetry = args =>
                {
                    logger.LogInformation("State of account {AccountId} moved during evaluation (attempt {Attempt}); evaluating again",
                        args.Context.OperationKey, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        });
        return services;
    }
}
