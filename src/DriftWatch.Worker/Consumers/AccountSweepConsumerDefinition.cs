using DriftWatch.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// How sweep requests are consumed: at most DriftWatch:Sweep:Concurrency accounts at once, transient faults retried
/// (<see cref="TransientFaultRetry"/>).
/// </summary>
public sealed class AccountSweepConsumerDefinition : ConsumerDefinition<AccountSweepConsumer>
{
    /// <summary>Takes the concurrency from the sweep's options.</summary>
    public AccountSweepConsumerDefinition(IOptions<SweepOptions> sweep) => ConcurrentMessageLimit = sweep.Value.Concurrency;

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AccountSweepConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(TransientFaultRetry.Configure);
}
