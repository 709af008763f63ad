using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>
/// The aws CLI against moto: the tests read Security Hub and set up EventBridge rules with a client that is not
/// DriftWatch's, so what they see is what any AWS user would see.
/// </summary>
public static class AwsCli
{
    /// <summary>Runs one command in us-east-1 and returns its JSON output (null when it prints nothing).</summary>
    public static async Task<JsonNode?> RunAsync(Uri endpoint, params string[] arguments)
    {
        var start = new ProcessStartInfo("aws", [.. arguments, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the aws CLI did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        var text = await output;
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    /// <summary>Every finding Security Hub holds (moto ignores GetFindings filters, so the caller picks by Id).</summary>
    public static async Task<IReadOnlyList<JsonObject>> FindingsAsync(Uri endpoint) =>
        (await RunAsync(endpoint, "securityhub", "get-findings"))!["Findings"]!.AsArray().OfType<JsonObject>().ToList();
}
