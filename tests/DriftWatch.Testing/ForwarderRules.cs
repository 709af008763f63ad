using System.Text.Json.Nodes;
using DriftWatch.Aws.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Testing;

/// <summary>
/// What an attacker does to DriftWatch's forwarder rule (infra/driftwatch-region.yaml's ForwardRule, named
/// <see cref="RuleName"/>) in one region of moto's default account: disable it, remove its targets, narrow its
/// pattern, and put it back. moto 5.2.1 still delivers through a DISABLED rule (it never reads a rule's state when it
/// routes an event): a disabled rule is seen by reading it back, and a silenced one is made by removing its targets.
/// </summary>
public sealed class ForwarderRules : IDisposable
{
    /// <summary>The rule's name, the templates' default.</summary>
    public const string RuleName = "driftwatch-forwarder";

    private readonly ServiceProvider _aws;
    private readonly Json11Client _json;

    /// <summary>Acts on the moto at <paramref name="endpoint"/>.</summary>
    public ForwarderRules(Uri endpoint)
    {
        _aws = AwsServices.ForMoto(endpoint);
        _json = _aws.GetRequiredService<Json11Client>();
    }

    /// <summary>DisableRule.</summary>
    public Task DisableAsync(string region) => SendAsync("DisableRule", region, new JsonObject { ["Name"] = RuleName });

    /// <summary>EnableRule.</summary>
    public Task EnableAsync(string region) => SendAsync("EnableRule", region, new JsonObject { ["Name"] = RuleName });

    /// <summary>The rule's event pattern as stored.</summary>
    public async Task<string> PatternAsync(string region) =>
        (await SendAsync("DescribeRule", region, new JsonObject { ["Name"] = RuleName }))["EventPattern"]!.GetValue<string>();

    /// <summary>PutRule with another pattern; the targets stay.</summary>
    public Task PutPatternAsync(string region, string pattern) =>
        SendAsync("PutRule", region, new JsonObject { ["Name"] = RuleName, ["EventPattern"] = pattern, ["State"] = "ENABLED" });

    /// <summary>The rule's targets as ListTargetsByRule answers them.</summary>
    public async Task<JsonArray> TargetsAsync(string region) =>
        (await SendAsync("ListTargetsByRule", region, new JsonObject { ["Rule"] = RuleName }))["Targets"]!.AsArray();

    /// <summary>RemoveTargets of every target: the rule still matches, and delivers nowhere.</summary>
    public async Task RemoveTargetsAsync(string region)
    {
        var ids = (await TargetsAsync(region)).Select(t => (JsonNode?)JsonValue.Create((string?)t!["Id"])).ToArray();
        await SendAsync("RemoveTargets", region, new JsonObject { ["Rule"] = RuleName, ["Ids"] = new JsonArray(ids) });
    }

    /// <summary>PutTargets of the targets given (as <see cref="TargetsAsync"/> read them).</summary>
    public Task PutTargetsAsync(string region, JsonArray targets) =>
        SendAsync("PutTargets", region, new JsonObject { ["Rule"] = RuleName, ["Targets"] = targets.DeepClone() });

    /// <inheritdoc />
    public void Dispose() => _aws.Dispose();

    private Task<JsonObject> SendAsync(string operation, string region, JsonObject request) =>
        _json.SendAsync(AwsService.EventBridge, operation, region, request, CancellationToken.None);
}
