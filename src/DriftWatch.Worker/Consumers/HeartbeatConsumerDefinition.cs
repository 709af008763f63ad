using DriftWatch.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// How heartbeats are consumed: as many at once as queue messages are held (DriftWatch:Queue:Concurrency), transient
/// faults retried (<see cref="TransientFaultRetry"/>).
/// </summary>
public sealed class HeartbeatConsumerDefinition : ConsumerDefinition<HeartbeatConsumer>
{
    /// <summary>Takes the concurrency from the queue's options.</summary>
    public HeartbeatConsumerDefinition(IOptions<QueueOptions> queue) => ConcurrentMessageLimit = queue.Value.Concurrency;

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<HeartbeatConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(TransientFaultRetry.Configure);
}
