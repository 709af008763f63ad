using DriftWatch.Aws;
using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Waivers;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Check;

/// <summary>
/// One check of the caller's account (or, with --account, of another one read through its DriftWatchReader role):
/// identify it, read its trails once and their destinations afresh, evaluate purely. AWS failures become a "could not evaluate" verdict, never
/// "fail": an unreachable endpoint or a role that cannot be assumed says nothing about the trails.
/// </summary>
internal sealed partial class CheckHandler(
    IAccountIdentity identity,
    IAccountSnapshotReader reader,
    IOptions<DestinationOptions> destinations,
    TimeProvider time,
    ILogger<CheckHandler> logger)
{
    /// <summary>Checks the given account (default: the one the credentials belong to), reading CloudTrail from the region.</summary>
    public async Task<CheckOutcome> RunAsync(string region, WaiverFile exceptions, CancellationToken cancellationToken, string? accountId = null)
    {
        var started = time.GetTimestamp();
        string account;
        try
        {
            // The reader compares the account with the caller's own either way (its own needs no role).
            account = accountId ?? await identity.GetAccountIdAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(exception, "sts:GetCallerIdentity", region);
            var failed = CouldNotEvaluate("", region, "GetCallerIdentity", "caller", "could not identify the account", exception);
            var elapsed = time.GetElapsedTime(started);
            return new CheckOutcome(failed, region, [], elapsed, TimeSpan.Zero, elapsed);
        }

        var identified = time.GetTimestamp();
        AccountSnapshot snapshot;
        try
        {
            // A check is asked for now: no earlier read of a bucket or key stands in for it.
            snapshot = await reader.ReadAsync(account, region, DestinationReads.Fresh, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The reader records AWS errors in the snapshot; reaching here means something it did not expect.
            LogStepFailed(exception, "read trails", region);
            var failed = CouldNotEvaluate(account, region, "ReadAccount", account, "could not read the account's trails", exception);
            return new CheckOutcome(failed, region, [], time.GetElapsedTime(started, identified), time.GetElapsedTime(identified), time.GetElapsedTime(started));
        }

        var read = time.GetTimestamp();
        var now = time.GetUtcNow();
        var (documented, warning) = exceptions.For(account, now);
        var verdict = ComplianceEvaluator.Evaluate(snapshot, now, documented, destinations.Value.MinimumRetentionDays);
        var outcome = new CheckOutcome(
            verdict,
            region,
            warning is null ? [] : [warning],
            time.GetElapsedTime(started, identified),
            time.GetElapsedTime(identified, read),
            time.GetElapsedTime(started));
        LogChecked(account, region, verdict.Status, verdict.ApiCalls, outcome.Total.TotalMilliseconds);
        return outcome;
    }

    private Verdict CouldNotEvaluate(string account, string region, string operation, string target, string what, Exception exception)
    {
        var code = exception is AwsServiceException aws ? aws.ErrorCode : exception.GetType().Name;
        var message = Describe(exception);
        var error = new ReadError(operation, target, region, code, message);
        return new Verdict(ComplianceStatus.Error, account, time.GetUtcNow(), [], [$"{what}: {code}: {message}"], [], [error], null, 0);
    }

    // SDK messages often say only "see inner exception": the chain's other messages and the HTTP status name the
    // real cause (refused, DNS, TLS, a proxy's error page).
    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!e.Message.StartsWith("Exception of type", StringComparison.Ordinal) && !messages.Any(m => m.Contains(e.Message, StringComparison.Ordinal)))
            {
                messages.Add(e.Message);
            }
        }

        var status = exception is AwsServiceException { StatusCode: not 0 } aws ? $" (HTTP {(int)aws.StatusCode})" : "";
        return string.Join(": ", messages) + status;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Step} failed in {Region}")]
    private partial void LogStepFailed(Exception exception, string step, string region);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checked account {Account} from {Region}: {Status} after {ApiCalls} CloudTrail API calls in {ElapsedMs:F0} ms")]
    private partial void LogChecked(string account, string region, ComplianceStatus status, int apiCalls, double elapsedMs);
}
