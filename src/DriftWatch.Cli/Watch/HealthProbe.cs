using System.Globalization;
using DriftWatch.Cli.Hosting;
using DriftWatch.Worker.Health;
using Microsoft.Extensions.Configuration;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// `driftwatch health`: asks the `driftwatch watch` on this machine, on DriftWatch:Health:Port, whether it is alive
/// (/healthz) or ready (/readyz). The container's health check: runtime images carry no curl, and the CLI is already
/// there. Exits 0 when the answer is 200, 1 otherwise (Docker's "unhealthy"), 64 when no port is known.
/// </summary>
internal static class HealthProbe
{
    private const string PortKey = $"{HealthOptions.Section}:{nameof(HealthOptions.Port)}";

    // Under the 5 s the task definition and the Dockerfile give the health check.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Probes the endpoint and returns the exit code; the answer's body goes to stdout.</summary>
    public static async Task<int> RunAsync(int? port, bool ready, CancellationToken cancellationToken)
    {
        if ((port ?? ConfiguredPort()) is not { } known)
        {
            StdErr.Error($"no port to probe: set {PortKey} (env DriftWatch__Health__Port) or pass --port");
            return ExitCodes.Usage;
        }

        var url = new Uri($"http://127.0.0.1:{known.ToString(CultureInfo.InvariantCulture)}/{(ready ? "readyz" : "healthz")}");
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            Console.Out.Write(await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.IsSuccessStatusCode)
            {
                return ExitCodes.Pass;
            }

            StdErr.Error($"{url.AbsolutePath} answered {(int)response.StatusCode}");
            return ExitCodes.Fail;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            StdErr.Error($"nothing answered on {url}: {e.Message}");
            return ExitCodes.Fail;
        }
    }

    // The probe reads the same sources as every command (appsettings.json, environment) and nothing else: it must
    // answer within a container health check's few seconds, so it builds no host.
    private static IConfiguration ProbeConfiguration()
    {
        var configuration = new ConfigurationManager();
        CliConfiguration.Add(configuration, [], new Dictionary<string, string?>());
        return configuration;
    }

    private static int? ConfiguredPort() =>
        int.TryParse(ProbeConfiguration()[PortKey], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
}
