namespace DriftWatch.Aws.EventBridge;

/// <summary>One target of a rule, as ListTargetsByRule answers: its id, where it sends and the role it sends with.</summary>
public sealed record RuleTarget(string Id, string Arn, string? RoleArn);
