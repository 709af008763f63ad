using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Deployment;

/// <summary>
/// The aws CLI and infra/deploy.sh against moto, as an operator would run them: the ECS, EC2 and IAM reads these tests
/// need without an SDK package for each service. Fails with the command's output when it fails.
/// </summary>
public sealed class AwsCli(Uri endpoint)
{
    /// <summary>Runs `aws &lt;arguments&gt; --output json` in the central region and parses what it printed.</summary>
    public async Task<JsonNode> JsonAsync(params string[] arguments)
    {
        var output = await RunAsync("aws", ["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", StackDeployment.CentralRegion, .. arguments, "--output", "json"]);
        return JsonNode.Parse(output) ?? throw new InvalidOperationException($"aws {string.Join(' ', arguments)} printed nothing");
    }

    /// <summary>Runs infra/deploy.sh with the arguments and extra environment.</summary>
    public Task<string> DeployAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "infra", "deploy.sh"), .. arguments], environment);

    private async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = StackDeployment.CentralRegion;
        start.Environment["CENTRAL_REGION"] = StackDeployment.CentralRegion;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }
}
