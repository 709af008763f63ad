using System.Text.Json;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Snapshots;

/// <summary>
/// Reads one account as that account (the CloudTrail client signs for it). One DescribeTrails in the region (it lists
/// shadow copies of multi-region trails homed elsewhere), then, for each distinct trail and concurrently,
/// GetTrailStatus and GetEventSelectors by ARN in its home region: 1 + 2×trails calls. Given the trails it expects
/// (those the last verdict saw), it reads them while DescribeTrails runs: the read takes one round trip instead of
/// two, and a trail DescribeTrails no longer lists costs its two calls once.
/// A failed call is recorded as a ReadError, so "could not read" never looks like "not logging".
/// </summary>
public sealed partial class AccountSnapshotReader(
    ICloudTrailClient cloudTrail,
    ApiCallCounter counter,
    TimeProvider time,
    ILogger<AccountSnapshotReader> logger) : IAccountSnapshotReader
{
    /// <inheritdoc />
    public Task<AccountSnapshot> ReadAsync(string accountId, string region, CancellationToken cancellationToken) =>
        ReadAsync(accountId, region, [], cancellationToken);

    /// <summary>Reads the account, reading the <paramref name="expected"/> trails while DescribeTrails runs.</summary>
    public async Task<AccountSnapshot> ReadAsync(string accountId, string region, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        using var calls = counter.BeginScope();
        var readAt = time.GetUtcNow();

        var early = expected
            .DistinctBy(t => t.Arn, StringComparer.Ordinal)
            .ToDictionary(t => t.Arn, t => ReadTrailAsync(accountId, t, region, cancellationToken), StringComparer.Ordinal);
        var listed = await TryAsync(
            "DescribeTrails", accountId, region, () => cloudTrail.DescribeTrailsAsync(accountId, region, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

        IReadOnlyList<TrailSnapshot> trails = [];
        IReadOnlyList<ReadError> errors = [];
        if (listed.Error is not null)
        {
            errors = [listed.Error];
        }
        else
        {
            var distinct = listed.Value!.DistinctBy(t => t.Arn, StringComparer.Ordinal).ToList();
            trails = await Task.WhenAll(distinct.Select(t => early.TryGetValue(t.Arn, out var read)
                ? AsListedAsync(read, t)
                : ReadTrailAsync(accountId, t, region, cancellationToken))).ConfigureAwait(false);
        }

        // Reads of trails no longer listed finish too: nothing is left running, and their calls are counted.
        await Task.WhenAll(early.Values).ConfigureAwait(false);
        var snapshot = new AccountSnapshot(accountId, region, readAt, trails, errors, calls.Count);
        LogRead(accountId, region, snapshot.Trails.Count, snapshot.ApiCalls, errors.Count + trails.Sum(t => t.Errors.Count));
        return snapshot;
    }

    // The status and selectors read early, under the trail as DescribeTrails lists it now (bucket, key, flags).
    private static async Task<TrailSnapshot> AsListedAsync(Task<TrailSnapshot> read, TrailInfo listed) =>
        (await read.ConfigureAwait(false)) with { Trail = listed };

    private async Task<TrailSnapshot> ReadTrailAsync(string accountId, TrailInfo trail, string region, CancellationToken cancellationToken)
    {
        // GetEventSelectors only answers in the trail's home region, so both calls go there.
        var home = string.IsNullOrEmpty(trail.HomeRegion) ? region : trail.HomeRegion;
        var status = TryAsync(
            "GetTrailStatus", trail.Arn, home, () => cloudTrail.GetTrailStatusAsync(accountId, home, trail.Arn, cancellationToken), cancellationToken);
        var selectors = TryAsync(
            "GetEventSelectors", trail.Arn, home, () => cloudTrail.GetEventSelectorsAsync(accountId, home, trail.Arn, cancellationToken), cancellationToken);
        await Task.WhenAll(status, selectors).ConfigureAwait(false);

        var (statusValue, statusError) = await status.ConfigureAwait(false);
        var (selectorsValue, selectorsError) = await selectors.ConfigureAwait(false);
        return new TrailSnapshot(trail, statusValue, selectorsValue, new[] { statusError, selectorsError }.OfType<ReadError>().ToList());
    }

    private async Task<Attempt<T>> TryAsync<T>(
        string operation, string target, string region, Func<Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return new Attempt<T>(await call().ConfigureAwait(false), null);
        }
        catch (AwsServiceException exception)
        {
            return Failed<T>(operation, target, region, exception.ErrorCode, exception.Message);
        }
        catch (TimeoutException exception)
        {
            return Failed<T>(operation, target, region, "Timeout", exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return Failed<T>(operation, target, region, "ConnectionFailure", exception.Message);
        }
        catch (JsonException exception)
        {
            return Failed<T>(operation, target, region, "MalformedResponse", exception.Message);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled by something other than our caller (an HTTP-level timeout): a failed read, not a shutdown.
            return Failed<T>(operation, target, region, "Timeout", exception.Message);
        }
    }

    private Attempt<T> Failed<T>(string operation, string target, string region, string code, string message)
        where T : class
    {
        LogReadFailed(operation, target, region, code, message);
        return new Attempt<T>(null, new ReadError(operation, target, region, code, message));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read account {AccountId} from {Region}: {TrailCount} trails, {ApiCalls} API calls, {ErrorCount} read errors")]
    private partial void LogRead(string accountId, string region, int trailCount, int apiCalls, int errorCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} {Target} in {Region} failed: {Code}: {Message}")]
    private partial void LogReadFailed(string operation, string target, string region, string code, string message);

    private readonly record struct Attempt<T>(T? Value, ReadError? Error)
        where T : class;
}
