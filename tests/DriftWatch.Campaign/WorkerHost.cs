using DriftWatch.Core.Monitoring;
using DriftWatch.Worker;
using DriftWatch.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Campaign;

/// <summary>
/// Worker mode of this program: the same host `driftwatch watch` builds (AddDriftWatchWorker, settings from the
/// environment), logging one line per entry to stdout. With DRIFTWATCH_CAMPAIGN_CRASH_FILE set, the process kills
/// itself (SIGKILL) right after a commit that changed an incident once that file appears: the crash between
/// persisting and deleting the message (and notifying), placed exactly.
/// </summary>
public static class WorkerHost
{
    /// <summary>Runs until SIGTERM.</summary>
    public static async Task<int> RunAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("DRIFTWATCH_CAMPAIGN_CRASH_FILE") is { Length: > 0 } crashFile)
        {
            builder.Services.AddSingleton<IStateStore>(sp => new CrashAfterCommit(sp.GetRequiredService<DynamoDbStateStore>(), crashFile));
        }

        builder.Services.AddDriftWatchWorker(builder.Configuration);
        await builder.Build().RunAsync();
        return 0;
    }

    private sealed class CrashAfterCommit(IStateStore inner, string trigger) : IStateStore
    {
        public Task<AccountState?> GetAsync(string accountId, CancellationToken cancellationToken) => inner.GetAsync(accountId, cancellationToken);

        public async Task<bool> CommitAsync(AccountState? previous, StateDecision decision, CancellationToken cancellationToken)
        {
            var committed = await inner.CommitAsync(previous, decision, cancellationToken);
            if (committed && decision.Action != IncidentAction.None && File.Exists(trigger))
            {
                File.Delete(trigger);
                Console.Out.WriteLine($"campaign: crashing right after committing {decision.Action} for account {decision.Next.AccountId} version {decision.Next.Version}");
                Console.Out.Flush();
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }

            return committed;
        }

        public Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) => inner.ListAccountsAsync(cancellationToken);
    }
}
