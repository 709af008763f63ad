using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Messages;
using MassTransit;

namespace DriftWatch.Worker.Consumers;

/// <summary>Evaluates an account for the periodic sweep, through the same coalescer as events, and answers with what it found.</summary>
public sealed class AccountSweepConsumer(EvaluationCoalescer coalescer) : IConsumer<AccountSweepDue>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AccountSweepDue> context)
    {
        var outcome = await coalescer.RequestAsync(context.Message.AccountId, null, null, context.CancellationToken);
        await context.RespondAsync(new AccountEvaluated(outcome.AccountId, outcome.Status));
    }
}
