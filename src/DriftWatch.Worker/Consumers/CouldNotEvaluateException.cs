namespace DriftWatch.Worker.Consumers;

/// <summary>AWS errors left an account's verdict undecided; the triggering message must be tried again later.</summary>
public sealed class CouldNotEvaluateException(string accountId)
    : Exception($"could not evaluate account {accountId}; the message will be retried");
