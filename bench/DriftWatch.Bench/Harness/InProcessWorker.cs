using DriftWatch.Worker;
using DriftWatch.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// The real worker (AddDriftWatchWorker, as `driftwatch watch` wires it) pointed at moto. Product defaults apply,
/// except: logs at Warning (the bench prints a table, not log lines), a 2 s long poll so a stop is quick, and the
/// periodic sweep pushed out to an hour (the sweep at start still runs).
/// </summary>
public static class InProcessWorker
{
    /// <summary>
    /// Settings for a worker that sweeps exactly these accounts, this many at a time, watching the one region where
    /// <see cref="BenchCloud.ProvisionAccountsAsync"/> gives each account its forwarder.
    /// </summary>
    public static Dictionary<string, string?> SweepSettings(IReadOnlyList<string> accounts, int concurrency)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DriftWatch:Sweep:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DriftWatch:Regions:0"] = BenchCloud.HomeRegion,
        };
        for (var i = 0; i < accounts.Count; i++)
        {
            settings[$"DriftWatch:Sweep:Accounts:{i}"] = accounts[i];
        }

        return settings;
    }

    /// <summary>Builds a host; start it to run the SQS edge and the sweep, or resolve services from it without starting.</summary>
    public static IHost Build(Uri moto, Uri? webhook, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriftWatch:Aws:EndpointUrl"] = moto.ToString(),
            ["DriftWatch:Aws:Region"] = StackDeployment.CentralRegion,
            ["DriftWatch:Queue:WaitTimeSeconds"] = "2",
            ["DriftWatch:Sweep:Interval"] = "01:00:00",
            ["DriftWatch:Incidents:Webhook:Url"] = webhook?.ToString(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDriftWatchWorker(builder.Configuration);
        var host = builder.Build();

        // Never disposed in-process: MassTransit's mediator keeps the first host's logger factory in a static log
        // context, and a later host in the same process would then use a disposed one. Stopped hosts cost nothing.
        Built.Add(host);
        return host;
    }

    private static List<IHost> Built { get; } = [];

    /// <summary>
    /// `worker` subcommand: runs the worker in its own process until a line "stop" (or end of input) arrives on stdin.
    /// Prints READY once the host has started. Arguments: moto URL, webhook URL or "-", then key=value settings.
    /// </summary>
    public static async Task<int> RunProcessAsync(string[] args)
    {
        var settings = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        using var host = Build(new Uri(args[0]), args[1] == "-" ? null : new Uri(args[1]), settings);
        await host.StartAsync();
        Console.Out.WriteLine("READY");
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line.Trim() != "stop")
        {
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await host.StopAsync(stop.Token);
        return 0;
    }
}
