using DriftWatch.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// The real worker host (the same AddDriftWatchWorker the `watch` command uses), in-process, pointed at moto.
/// Settings not given take the product's defaults, except a short long-poll so a test's stop is quick.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private WorkerHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    /// <summary>What the worker logged.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Services of the running host.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds the host (without starting it); <paramref name="services"/> adds to what the worker registers.</summary>
    public static WorkerHost Build(Uri moto, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriftWatch:Aws:EndpointUrl"] = moto.ToString(),
            ["DriftWatch:Aws:Region"] = StackDeployment.CentralRegion,
            ["DriftWatch:Aws:MaxAttempts"] = "2",
            ["DriftWatch:Queue:WaitTimeSeconds"] = "1",
            ["DriftWatch:Sweep:Interval"] = "01:00:00",
            // The monitor of DriftWatch's own forwarders is off unless a test is about it (ForwarderMonitoringTests):
            // member accounts made by a test have no forwarder, and would each be a blind spot of their own.
            ["DriftWatch:Heartbeat:Enabled"] = "false",
            ["DriftWatch:Forwarder:Verify"] = "false",
        });
        // The regions infra/ is deployed to: each has its forwarder, so none is a blind spot unless a test makes it one.
        builder.Configuration.AddInMemoryCollection(
            StackDeployment.Regions.Select((region, i) => KeyValuePair.Create($"DriftWatch:Regions:{i}", (string?)region)));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddDriftWatchWorker(builder.Configuration);
        services?.Invoke(builder.Services);
        return new WorkerHost(builder.Build(), logs);
    }

    /// <summary>Builds and starts a worker.</summary>
    public static async Task<WorkerHost> StartAsync(Uri moto, IDictionary<string, string?>? settings = null)
    {
        var host = Build(moto, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts a built host.</summary>
    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _host.StopAsync(stop.Token);
        }

        _host.Dispose();
        // Set DRIFTWATCH_TEST_LOGS to a folder to keep each worker's log lines for a failing run.
        if (Environment.GetEnvironmentVariable("DRIFTWATCH_TEST_LOGS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllLinesAsync(Path.Combine(folder, $"worker-{DateTime.UtcNow:HHmmss.fff}.log"), Logs.Lines);
        }
    }
}
