using System.Diagnostics;
using System.Text.Json.Nodes;
using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Security;

/// <summary>
/// The CloudFormation templates in infra/ as JSON: short-form intrinsics become their long form (!Ref X → {"Ref": X},
/// !GetAtt A.B → {"Fn::GetAtt": [A, B]}, !Sub s → {"Fn::Sub": s}). Parsed by python3 + PyYAML, which cfn-lint (a CI
/// tool already) brings; .NET has no YAML reader on this feed.
/// </summary>
public static class Templates
{
    private const string Converter = """
        import json, sys, yaml
        class Loader(yaml.SafeLoader):
            pass
        def construct(loader, suffix, node):
            if isinstance(node, yaml.ScalarNode):
                value = loader.construct_scalar(node)
                if suffix == "GetAtt":
                    value = value.split(".", 1)
            elif isinstance(node, yaml.SequenceNode):
                value = loader.construct_sequence(node, deep=True)
            else:
                value = loader.construct_mapping(node, deep=True)
            return {"Ref" if suffix == "Ref" else "Fn::" + suffix: value}
        Loader.add_multi_constructor("!", construct)
        with open(sys.argv[1]) as f:
            print(json.dumps(yaml.load(f, Loader=Loader)))
        """;

    /// <summary>Every template file name in infra/.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory
        .GetFiles(Path.Combine(RepositoryRoot.Path, "infra"), "*.yaml")
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Loads one template.</summary>
    public static JsonObject Load(string name)
    {
        var start = new ProcessStartInfo("python3", ["-c", Converter, Path.Combine(RepositoryRoot.Path, "infra", name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var json = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not read infra/{name}: {error}");
        }

        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>Resources of a template, by logical id.</summary>
    public static IEnumerable<(string Id, JsonObject Resource)> Resources(JsonObject template) =>
        template["Resources"]!.AsObject().Select(r => (r.Key, r.Value!.AsObject()));

    /// <summary>
    /// Every IAM policy statement in a template (role inline policies, managed policies, queue, bus and key policies),
    /// with the logical id it belongs to; both branches of an Fn::If are included.
    /// </summary>
    public static IEnumerable<(string Owner, JsonObject Statement)> Statements(JsonObject template)
    {
        foreach (var (id, resource) in Resources(template))
        {
            var properties = resource["Properties"] as JsonObject;
            if (properties is null)
            {
                continue;
            }

            var documents = new List<JsonNode?> { properties["PolicyDocument"], properties["AssumeRolePolicyDocument"], properties["Policy"], properties["KeyPolicy"] };
            if (properties["Policies"] is JsonArray policies)
            {
                documents.AddRange(policies.Select(p => p?["PolicyDocument"]));
            }

            foreach (var document in documents.OfType<JsonObject>())
            {
                foreach (var statement in Branches(document["Statement"]).SelectMany(s => s is JsonArray a ? Branches(a) : [s]).OfType<JsonObject>())
                {
                    yield return (id, statement);
                }
            }
        }
    }

    /// <summary>A value's alternatives: the items of a list, both branches of Fn::If (AWS::NoValue dropped), or itself.</summary>
    public static IEnumerable<JsonNode?> Branches(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(Branches);
        }

        if (node is JsonObject o && o["Fn::If"] is JsonArray choice && choice.Count == 3)
        {
            return Branches(choice[1]).Concat(Branches(choice[2]));
        }

        if (node is JsonObject r && r["Ref"]?.GetValue<string>() == "AWS::NoValue")
        {
            return [];
        }

        return [node];
    }

    /// <summary>The statement's actions as strings.</summary>
    public static IReadOnlyList<string> Actions(JsonObject statement) =>
        Branches(statement["Action"]).Select(a => a?.GetValue<string>() ?? "").ToList();

    /// <summary>The statement's resources (literal strings, or the JSON of an intrinsic).</summary>
    public static IReadOnlyList<string> ResourceTexts(JsonObject statement) =>
        Branches(statement["Resource"]).Select(r => r is JsonValue v ? v.GetValue<string>() : r?.ToJsonString() ?? "").ToList();
}
