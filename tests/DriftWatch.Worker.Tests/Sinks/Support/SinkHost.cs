using DriftWatch.Sinks;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>
/// The sinks as the worker registers them (AddDriftWatchSinks), without the rest of the worker: AWS clients pointed at
/// moto (or nowhere), settings given per test, every log line kept.
/// </summary>
public sealed class SinkHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SinkHost(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _services;

    /// <summary>Builds the container; configure may replace a part (an HTTP handler) before it is built.</summary>
    public static SinkHost Start(Uri aws, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DriftWatch:Aws:EndpointUrl"] = aws.ToString(),
                ["DriftWatch:Aws:Region"] = "us-east-1",
                ["DriftWatch:Aws:MaxAttempts"] = "2",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<Amazon.Runtime.AWSCredentials>(MotoAws.Credentials);
        services.AddDriftWatchSinks(configuration);
        configure?.Invoke(services);
        return new SinkHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), logs);
    }

    /// <summary>The registered sink of that type.</summary>
    public T Sink<T>()
        where T : IIncidentSink => _services.GetServices<IIncidentSink>().OfType<T>().Single();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
