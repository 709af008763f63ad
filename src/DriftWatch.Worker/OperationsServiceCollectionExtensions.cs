using DriftWatch.Aws;
using DriftWatch.Aws.Http;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Health;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DriftWatch.Worker;

/// <summary>
/// What running the worker as a service needs: metrics, health, trace export and a graceful stop. Registered after
/// the rest of the worker, because the sinks, the state store and the outbox it observes are wrapped, not edited.
/// </summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>The OTLP endpoint variable: set, spans and metrics are exported; unset, nothing leaves the process.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics and the shutdown drain always; the HTTP port (/healthz, /readyz, /metrics) when DriftWatch:Health:Port
    /// is set; OTLP export of spans and metrics when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads every
    /// standard OTEL_EXPORTER_OTLP_* variable itself).
    /// </summary>
    public static IServiceCollection AddDriftWatchOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSettingsCheck<HealthOptions>(HealthOptions.Section);
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSettingsCheck<ShutdownOptions>(ShutdownOptions.Section);
        services.AddSingleton<IConfigureOptions<HostOptions>, ShutdownTimeoutSetup>();
        services.AddSingleton<ShutdownDrain>();

        services.AddMetrics();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<WorkerHealth>();
        Decorate<IIncidentSink>(services, (sp, sink) => new MeteredIncidentSink(sink, sp.GetRequiredService<WorkerMetrics>()));
        Decorate<IStateStore>(services, (sp, store) => new ObservedStateStore(store, sp.GetRequiredService<WorkerHealth>()));
        Decorate<INoticeOutbox>(services, (sp, outbox) => new ObservedNoticeOutbox(outbox, sp.GetRequiredService<WorkerHealth>(), sp.GetRequiredService<WorkerMetrics>()));

        // Decided on the raw value: a malformed port is still registered, then named by validation at start (exit 64).
        var serve = !string.IsNullOrWhiteSpace(configuration[$"{HealthOptions.Section}:{nameof(HealthOptions.Port)}"]);
        var export = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        if (serve)
        {
            services.AddSingleton<PrometheusScrape>();
            services.AddHostedService<HealthListener>();
        }

        if (serve || export)
        {
            var telemetry = services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "driftwatch"))
                .WithMetrics(metrics =>
                {
                    metrics.AddMeter(WorkerMetrics.MeterName);
                    if (serve)
                    {
                        metrics.AddReader(sp => sp.GetRequiredService<PrometheusScrape>().Reader);
                    }
                });
            if (export)
            {
                telemetry.WithTracing(tracing => tracing.AddSource(PipelineTelemetry.SourceName, AwsCallTelemetry.SourceName)).UseOtlpExporter();
            }
        }

        return services;
    }

    /// <summary>Wraps every registration of <typeparamref name="T"/> made so far, keeping its lifetime.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> decorate)
        where T : class
    {
        for (var i = 0; i < services.Count; i++)
        {
            var registered = services[i];
            if (registered.ServiceType != typeof(T) || registered.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(typeof(T), sp => decorate(sp, (T)Create(sp, registered)), registered.Lifetime);
        }
    }

    private static object Create(IServiceProvider services, ServiceDescriptor registered) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);
}
