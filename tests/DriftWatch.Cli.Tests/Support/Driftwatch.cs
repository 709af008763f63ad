using System.Diagnostics;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>
/// Runs the real driftwatch executable (`dotnet driftwatch.dll …`) as a separate process, with an environment built
/// from scratch for AWS: nothing from the developer's own AWS settings leaks in.
/// </summary>
public static class Driftwatch
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "driftwatch.dll");

    /// <summary>Runs driftwatch against the given endpoint with moto's dummy credentials.</summary>
    public static async Task<CliResult> RunAsync(
        Uri endpoint,
        string region,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(endpoint, region, arguments, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"driftwatch {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running driftwatch (watch) whose output is captured until it is stopped.</summary>
    public static RunningDriftwatch Start(
        Uri endpoint,
        string region,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunningDriftwatch.Start(StartInfo(endpoint, region, arguments, environment));

    private static ProcessStartInfo StartInfo(
        Uri endpoint,
        string region,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    // The test decides every AWS and DriftWatch setting; the machine's own must not change the outcome.
    private static bool IsInherited(string key) =>
        key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DriftWatch__", StringComparison.OrdinalIgnoreCase)
        || key.Equals("NO_COLOR", StringComparison.OrdinalIgnoreCase);
}
