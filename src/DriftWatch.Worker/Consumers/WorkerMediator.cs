using DriftWatch.Worker.Messages;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// The mediator between the worker's edges (the queue listener, the sweep) and its consumers: requests go in, an
/// <see cref="AccountEvaluated"/> answer comes back, and the consumers' definitions hold concurrency and retry.
/// </summary>
public static class WorkerMediator
{
    /// <summary>
    /// How long an edge waits for an answer. Far beyond any evaluation (reads are bounded by the SDK's timeouts), so
    /// it only ends a wait that something wedged; the message then returns to the queue.
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The consumers with their definitions, on any registration: the mediator here, a test harness's bus in tests.</summary>
    public static void AddDriftWatchConsumers(this IRegistrationConfigurator registration)
    {
        registration.AddConsumer<CloudTrailChangeConsumer, CloudTrailChangeConsumerDefinition>();
        registration.AddConsumer<AccountSweepConsumer, AccountSweepConsumerDefinition>();
        registration.AddConsumer<HeartbeatConsumer, HeartbeatConsumerDefinition>();
    }

    /// <summary>The mediator with the consumers, and one request client per request the edges send.</summary>
    public static IServiceCollection AddDriftWatchMediator(this IServiceCollection services)
    {
        services.AddMediator(mediator => mediator.AddDriftWatchConsumers());
        services.AddSingleton(sp => sp.GetRequiredService<IMediator>().CreateRequestClient<CloudTrailChangeObserved>(AnswerTimeout));
        services.AddSingleton(sp => sp.GetRequiredService<IMediator>().CreateRequestClient<AccountSweepDue>(AnswerTimeout));
        services.AddSingleton(sp => sp.GetRequiredService<IMediator>().CreateRequestClient<HeartbeatObserved>(AnswerTimeout));
        return services;
    }
}
