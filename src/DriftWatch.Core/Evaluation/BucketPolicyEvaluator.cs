using System.Text.Json;
using System.Text.RegularExpressions;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// Judges a bucket policy the way IAM would for CloudTrail's delivery: some Allow must grant cloudtrail.amazonaws.com
/// s3:PutObject on every object under the trail's log prefix, no Deny may reach any of them, and an Allow conditioned
/// on aws:SourceArn or aws:SourceAccount counts only when it names this trail and this account. Conditions on other
/// keys are taken as met by CloudTrail in an Allow (it sets bucket-owner-full-control, uses TLS) and as unmet in a Deny,
/// so that a condition DriftWatch cannot evaluate never makes it cry "broken".
/// </summary>
public static partial class BucketPolicyEvaluator
{
    /// <summary>Judges <paramref name="policyJson"/> for <paramref name="write"/>; an organization trail may also write under its organization's path.</summary>
    public static BucketPolicyResult Evaluate(string policyJson, LogWrite write, bool organizationTrail = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        List<Statement> statements;
        try
        {
            statements = Parse(policyJson);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return new BucketPolicyResult([], $"the policy of bucket {write.Bucket} cannot be read as a policy document: {exception.Message}");
        }

        // An organization trail writes members' logs under AWSLogs/<organization id>/: a policy naming that path serves it too.
        var candidates = new List<LogWrite> { write };
        if (organizationTrail)
        {
            var keyPrefix = write.ObjectPrefix[..write.ObjectPrefix.IndexOf("AWSLogs/", StringComparison.Ordinal)];
            candidates.AddRange(statements.SelectMany(s => s.Resources).SelectMany(r => OrganizationPath().Matches(r).Select(m => m.Groups[1].Value))
                .Distinct(StringComparer.Ordinal)
                .Select(org => write with { ObjectPrefix = $"{keyPrefix}AWSLogs/{org}/" }));
        }

        List<DestinationProblem> problems = [];
        foreach (var candidate in candidates.AsEnumerable().Reverse())
        {
            problems = ProblemsFor(statements, candidate);
            if (problems.Count == 0)
            {
                return new BucketPolicyResult([]);
            }
        }

        return new BucketPolicyResult(problems);
    }

    private static List<DestinationProblem> ProblemsFor(List<Statement> statements, LogWrite write)
    {
        var resource = write.ResourcePrefix;
        var denies = statements
            .Where(s => !s.Allow && s.AppliesToCloudTrail && s.AppliesToPutObject && s.ReachesSome(resource) && s.Conditions(write) == true)
            .ToList();
        if (denies.Count > 0)
        {
            var named = denies[0].Sid is { Length: > 0 } sid ? $" (statement '{sid}')" : "";
            return [new DestinationProblem(
                DestinationProblemKind.PolicyDenies,
                $"the policy of bucket {write.Bucket} denies {LogWrite.Principal} {LogWrite.Action} on {resource}*{named}")];
        }

        var allows = statements.Where(s => s.Allow && s.AppliesToCloudTrail && s.AppliesToPutObject && s.ReachesAll(resource)).ToList();
        if (allows.Any(s => s.Conditions(write) != false))
        {
            return [];
        }

        if (allows.Count > 0)
        {
            var named = string.Join(", ", allows.SelectMany(s => s.SourceValues).Distinct(StringComparer.Ordinal));
            return [new DestinationProblem(
                DestinationProblemKind.PolicyNamesAnother,
                $"the policy of bucket {write.Bucket} lets {LogWrite.Principal} write only for {named}, not trail {write.TrailArn} of account {write.SourceAccount}")];
        }

        return [new DestinationProblem(
            DestinationProblemKind.PolicyDoesNotAllow,
            $"the policy of bucket {write.Bucket} does not allow {LogWrite.Principal} {LogWrite.Action} on {resource}*")];
    }

    private static List<Statement> Parse(string policyJson)
    {
        using var document = JsonDocument.Parse(policyJson);
        if (!document.RootElement.TryGetProperty("Statement", out var statement))
        {
            throw new FormatException("it has no Statement");
        }

        var elements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return elements.Select(Statement.From).ToList();
    }

    [GeneratedRegex(@"/AWSLogs/(o-[a-z0-9]{10,32})/")]
    private static partial Regex OrganizationPath();

    private sealed record Statement(
        string? Sid,
        bool Allow,
        bool AppliesToCloudTrail,
        bool AppliesToPutObject,
        IReadOnlyList<string> Resources,
        bool NegatedResources,
        IReadOnlyList<PolicyCondition> ConditionList)
    {
        public IEnumerable<string> SourceValues => ConditionList.Where(c => c.IsSource).Select(c => c.Describe());

        public static Statement From(JsonElement s)
        {
            var effect = Text(s, "Effect") ?? throw new FormatException("a statement has no Effect");
            var principal = Principal(s, "Principal", out var hasPrincipal);
            var notPrincipal = Principal(s, "NotPrincipal", out var hasNotPrincipal);
            var toCloudTrail = hasPrincipal ? principal : hasNotPrincipal && !notPrincipal;
            var actions = Strings(s, "Action");
            var notActions = Strings(s, "NotAction");
            var toPutObject = s.TryGetProperty("Action", out _)
                ? actions.Any(a => IamPattern.Matches(a, LogWrite.Action, ignoreCase: true))
                : !notActions.Any(a => IamPattern.Matches(a, LogWrite.Action, ignoreCase: true));
            var negated = !s.TryGetProperty("Resource", out _) && s.TryGetProperty("NotResource", out _);
            var resources = negated ? Strings(s, "NotResource") : Strings(s, "Resource");
            return new Statement(
                Text(s, "Sid"),
                string.Equals(effect, "Allow", StringComparison.Ordinal),
                toCloudTrail,
                toPutObject,
                resources,
                negated,
                PolicyCondition.All(s));
        }

        public bool ReachesAll(string prefix) => NegatedResources
            ? !Resources.Any(r => IamPattern.OverlapsPrefix(r, prefix))
            : Resources.Any(r => IamPattern.CoversPrefix(r, prefix));

        public bool ReachesSome(string prefix) => NegatedResources
            ? !Resources.Any(r => IamPattern.CoversPrefix(r, prefix))
            : Resources.Any(r => IamPattern.OverlapsPrefix(r, prefix));

        // True when every condition holds for this write, false when one fails, null when one cannot be evaluated.
        public bool? Conditions(LogWrite write)
        {
            var results = ConditionList.Select(c => c.Holds(write)).ToList();
            return results.Contains(false) ? false : results.Contains(null) ? null : true;
        }

        // "*", {"AWS": "*"} and {"Service": "cloudtrail.amazonaws.com"} (alone or in a list) name CloudTrail.
        private static bool Principal(JsonElement s, string name, out bool present)
        {
            present = s.TryGetProperty(name, out var value);
            if (!present)
            {
                return false;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString() == "*";
            }

            return value.ValueKind == JsonValueKind.Object
                && (Strings(value, "Service").Any(p => string.Equals(p, LogWrite.Principal, StringComparison.OrdinalIgnoreCase))
                    || Strings(value, "AWS").Contains("*"));
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static IReadOnlyList<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => [],
        };
    }
}
