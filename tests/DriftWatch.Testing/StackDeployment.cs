namespace DriftWatch.Testing;

/// <summary>
/// Deploys infra/ into moto with the same script a user runs (infra/deploy.sh, CloudFormation through the aws CLI):
/// the central template once, the regional template in every region given.
/// </summary>
public static class StackDeployment
{
    /// <summary>The central region the tests deploy to (the templates' default).</summary>
    public const string CentralRegion = "us-east-1";

    /// <summary>Regions that get the forwarding rule.</summary>
    public static IReadOnlyList<string> Regions { get; } = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    /// <summary>Runs infra/deploy.sh against the endpoint and fails with its output when it fails.</summary>
    public static async Task DeployAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        var result = await ChildProcess.RunAsync(
            new ChildCommand("bash", [Path.Combine(RepositoryRoot.Path, "infra", "deploy.sh"), .. Regions]),
            new ChildProcessOptions
            {
                Environment = new Dictionary<string, string>
                {
                    ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
                    ["AWS_ACCESS_KEY_ID"] = "testing",
                    ["AWS_SECRET_ACCESS_KEY"] = "testing",
                    ["AWS_DEFAULT_REGION"] = CentralRegion,
                    ["CENTRAL_REGION"] = CentralRegion,
                },
                Timeout = TimeSpan.FromMinutes(5),
            },
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/deploy.sh failed ({result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        }
    }
}
