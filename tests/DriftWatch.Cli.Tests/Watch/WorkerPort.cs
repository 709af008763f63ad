using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>A running worker's DriftWatch:Health:Port, seen from outside: GETs of its endpoints and its metrics, parsed.</summary>
public sealed class WorkerPort : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private WorkerPort(int port) => Number = port;

    /// <summary>The port number (for DriftWatch__Health__Port).</summary>
    public int Number { get; }

    /// <summary>A free loopback port for a worker to listen on.</summary>
    public static WorkerPort Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return new WorkerPort(((IPEndPoint)probe.LocalEndpoint).Port);
    }

    /// <summary>The status and body of GET /path.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{Number}/{path.TrimStart('/')}"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls GET /path until it answers the status (and, when given, a body that satisfies the condition).</summary>
    public async Task<string> UntilAsync(string path, HttpStatusCode status, TimeSpan timeout, Func<string, bool>? body = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (got, text) = await GetAsync(path);
                if (got == status && (body is null || body(text)))
                {
                    return text;
                }

                last = $"{(int)got} {text}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} did not answer {(int)status} within {timeout.TotalSeconds} s; last: {last}");
    }

    /// <summary>
    /// GET /metrics as samples: "name{labels}" (labels as written) to value. A series not yet recorded is absent, which
    /// <see cref="Value"/> reads as 0.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> ScrapeAsync()
    {
        var (status, body) = await GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var split = line.LastIndexOf(' ');
            samples[line[..split]] = double.Parse(line[(split + 1)..], CultureInfo.InvariantCulture);
        }

        return samples;
    }

    /// <summary>A sample's value, 0 when the series is absent.</summary>
    public static double Value(IReadOnlyDictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
