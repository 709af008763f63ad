using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Health;

/// <summary>
/// GET /healthz (liveness), /readyz (readiness) and /metrics (Prometheus text) on DriftWatch:Health:Port.
/// System.Net.HttpListener, not Kestrel: three GETs with small answers need no web stack, and Kestrel would bring the
/// ASP.NET Core shared framework into the image and a second host into a process that is a Generic Host worker. The
/// port serves no secret and reads no body; ECS probes it from inside the container and the task's security group
/// admits no one else unless the operator opens it for a scraper. Requests are answered one after another: each is
/// a few microseconds of work on values already in memory.
/// </summary>
internal sealed class HealthListener(
    IOptions<HealthOptions> options,
    WorkerHealth health,
    IServiceProvider services,
    ILogger<HealthListener> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpListener _listener = new();
    private IReadOnlyList<BackgroundService>? _watched;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bound before the host reports started: a port already taken stops the start instead of serving nothing.
        var port = options.Value.Port ?? throw new InvalidOperationException("DriftWatch:Health:Port is not set");
        _listener.Prefixes.Add($"http://+:{port}/");
        _listener.Start();
        logger.LogInformation("Serving /healthz, /readyz and /metrics on port {Port}", port);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stop = stoppingToken.Register(_listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpListenerException e)
            {
                logger.LogWarning("Health listener: {Error}", e.Message);
                continue;
            }

            try
            {
                await RespondAsync(context, stoppingToken);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The prober hung up mid-answer: nothing to do.
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        using var response = context.Response;
        response.Headers["Cache-Control"] = "no-store";
        var method = context.Request.HttpMethod;
        if (method is not ("GET" or "HEAD"))
        {
            response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
            response.Headers["Allow"] = "GET, HEAD";
            return;
        }

        var (status, contentType, body) = context.Request.Url?.AbsolutePath switch
        {
            "/healthz" => Report(health.Liveness(Watched())),
            "/readyz" => Report(health.Readiness()),
            "/metrics" => (HttpStatusCode.OK, PrometheusText.ContentType, services.GetRequiredService<PrometheusScrape>().Collect()),
            _ => (HttpStatusCode.NotFound, "text/plain; charset=utf-8", "not found: try /healthz, /readyz or /metrics\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        if (method == "GET")
        {
            await response.OutputStream.WriteAsync(bytes, cancellationToken);
        }
    }

    private static (HttpStatusCode, string, string) Report(HealthReport report) =>
        (report.Ok ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, "application/json; charset=utf-8", JsonSerializer.Serialize(report, Json) + "\n");

    // Resolved on first use: the hosted services include this one, which cannot ask for them in its constructor.
    private IReadOnlyList<BackgroundService> Watched() =>
        _watched ??= services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
}
