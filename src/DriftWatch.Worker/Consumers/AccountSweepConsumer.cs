using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Messages;
using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>Evaluates an account for the periodic sweep, through the same coalescer as events.</summary>
public sealed class AccountSweepConsumer(EvaluationCoalescer coalescer) : IConsumer<AccountSweepDue>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<AccountSweepDue> context) =>
        coalescer.RequestAsync(context.Message.AccountId, null, null, context.CancellationToken);
}
