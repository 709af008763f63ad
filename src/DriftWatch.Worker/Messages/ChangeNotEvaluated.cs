namespace DriftWatch.Worker.Messages;

/// <summary>
/// The other answer to <see cref="CloudTrailChangeObserved"/>: the call could not have changed the account's coverage
/// (an S3 or KMS call about a bucket or key no trail uses, or a call AWS refused), so nothing was evaluated and nothing
/// needs to be retried.
/// </summary>
public sealed record ChangeNotEvaluated(string AccountId, string Reason);
