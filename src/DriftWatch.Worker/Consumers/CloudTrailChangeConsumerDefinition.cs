using DriftWatch.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// How CloudTrail changes are consumed: at most DriftWatch:Queue:Concurrency at once, transient faults retried
/// (<see cref="TransientFaultRetry"/>).
/// </summary>
public sealed class CloudTrailChangeConsumerDefinition : ConsumerDefinition<CloudTrailChangeConsumer>
{
    /// <summary>Takes the concurrency from the queue's options.</summary>
    public CloudTrailChangeConsumerDefinition(IOptions<QueueOptions> queue) => ConcurrentMessageLimit = queue.Value.Concurrency;

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CloudTrailChangeConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(TransientFaultRetry.Configure);
}
