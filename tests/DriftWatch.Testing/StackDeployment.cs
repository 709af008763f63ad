using System.Diagnostics;

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
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "infra", "deploy.sh"), .. Regions])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = CentralRegion;
        start.Environment["CENTRAL_REGION"] = CentralRegion;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/deploy.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
