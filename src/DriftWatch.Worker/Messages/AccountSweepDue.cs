namespace DriftWatch.Worker.Messages;

/// <summary>The periodic sweep asks for an account to be evaluated, event or not. Answered with <see cref="AccountEvaluated"/>.</summary>
public sealed record AccountSweepDue(string AccountId);
