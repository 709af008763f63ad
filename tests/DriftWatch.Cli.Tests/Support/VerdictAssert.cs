using System.Text.Json;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>Assertions on a JSON verdict that print the whole process output when they fail.</summary>
public static class VerdictAssert
{
    /// <summary>Asserts the exit code and the verdict status together and returns the verdict.</summary>
    public static JsonElement Is(CliResult result, int exitCode, string status)
    {
        var json = result.Json();
        var actual = json.GetProperty("status").GetString();
        Assert.True(result.ExitCode == exitCode && actual == status, $"expected exit {exitCode} with status '{status}'\n{result}");
        return json;
    }

    /// <summary>The strings of a JSON array property.</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? "").ToList();

    /// <summary>Asserts that some string of the array contains the fragment.</summary>
    public static void AnyContains(JsonElement element, string property, string fragment) =>
        Assert.True(
            Strings(element, property).Any(s => s.Contains(fragment, StringComparison.Ordinal)),
            $"no {property} entry contains '{fragment}': {element.GetProperty(property)}");
}
