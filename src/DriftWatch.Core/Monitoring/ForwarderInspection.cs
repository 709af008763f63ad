using DriftWatch.Core.Text;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Judges a region's forwarder rule as read from EventBridge: it must exist, be enabled, target the central bus and
/// have a pattern that still lets every monitored call and the heartbeat through. Each problem is a sentence naming
/// the account, the region and the rule; text that came from AWS (a state, a target) is rendered inert.
/// </summary>
public static class ForwarderInspection
{
    /// <summary>The check of one region; <paramref name="rule"/> null means no rule of that name on the default bus.</summary>
    public static ForwarderCheck Inspect(ForwarderRule? rule, string accountId, string region, string ruleName, string centralBusArn)
    {
        var where = $"account {accountId} in {region}";
        if (rule is null)
        {
            return ForwarderCheck.Broken(
                [$"No forwarder deployed in {where}: the default bus has no rule {ruleName}, so nothing that happens there reaches DriftWatch"],
                [$"infra/deploy.sh {region}   # or add {region} to the StackSet of infra/driftwatch-member.yaml for account {accountId}"]);
        }

        var problems = new List<string>();
        var remediation = new List<string>();
        if (rule.State is not ("ENABLED" or "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"))
        {
            problems.Add($"Forwarder rule {ruleName} in {where} is {InertText.Of(rule.State ?? "in no state", 64)}: it forwards nothing");
            remediation.Add($"aws events enable-rule --name {ruleName} --event-bus-name default --region {region}");
        }

        if (!rule.TargetArns.Contains(centralBusArn, StringComparer.Ordinal))
        {
            var targets = rule.TargetArns.Count == 0 ? "none" : string.Join(", ", rule.TargetArns.Select(t => InertText.Of(t, 256)));
            problems.Add($"Forwarder rule {ruleName} in {where} has lost its target, the central bus {centralBusArn} (targets: {targets})");
            remediation.Add($"aws events put-targets --rule {ruleName} --event-bus-name default --region {region} --targets Id=driftwatch-central-bus,Arn={centralBusArn},RoleArn=<the stack's ForwarderRoleArn output>");
        }

        var lacking = ForwarderPattern.Lacking(rule.EventPattern);
        if (lacking.Count > 0)
        {
            problems.Add($"Forwarder rule {ruleName} in {where}: its pattern lacks {string.Join(", ", lacking)}");
            remediation.Add($"aws events put-rule --name {ruleName} --event-bus-name default --region {region} --event-pattern file://pattern.json   # the EventPattern of infra/driftwatch-region.yaml");
        }

        return problems.Count == 0 ? ForwarderCheck.Healthy : ForwarderCheck.Broken(problems, remediation);
    }
}
