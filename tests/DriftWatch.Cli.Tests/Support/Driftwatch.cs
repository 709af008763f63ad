using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>
/// Runs the real driftwatch executable (`dotnet driftwatch.dll …`) as a <see cref="ChildProcess"/>, with an
/// environment built from scratch for AWS: nothing from the developer's own AWS settings leaks in.
/// </summary>
public static class Driftwatch
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "driftwatch.dll");

    /// <summary>Runs driftwatch to its end against the given endpoint with moto's dummy credentials.</summary>
    public static async Task<CliResult> RunAsync(
        Uri endpoint,
        string region,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await ChildProcess.RunAsync(Command(arguments), Options(endpoint, region, environment));
        if (result.TimedOut)
        {
            throw new TimeoutException($"driftwatch {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>Starts a long-running driftwatch (watch) whose output is captured until it is stopped.</summary>
    public static ChildProcess Start(
        Uri endpoint,
        string region,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start(Command(arguments), Options(endpoint, region, environment));

    private static ChildCommand Command(IReadOnlyList<string> arguments) => new("dotnet", [Dll, .. arguments]);

    private static ChildProcessOptions Options(Uri endpoint, string region, IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_REGION"] = region,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return new ChildProcessOptions { Environment = variables, DropInherited = IsInherited, Timeout = Timeout };
    }

    // The test decides every AWS and DriftWatch setting; the machine's own must not change the outcome.
    private static bool IsInherited(string key) =>
        key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DriftWatch__", StringComparison.OrdinalIgnoreCase)
        || key.Equals("NO_COLOR", StringComparison.OrdinalIgnoreCase);
}
