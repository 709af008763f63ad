using System.Collections.Concurrent;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>An in-memory CloudTrail: trails, statuses and selectors by ARN, optional failures, and a call log.</summary>
public sealed class ScriptedCloudTrail : ICloudTrailClient
{
    public List<TrailInfo> Trails { get; } = [];

    public Dictionary<string, Exception> Failures { get; } = [];

    public ConcurrentQueue<(string Operation, string Region, string Target)> Calls { get; } = new();

    /// <summary>Which account each call was made as.</summary>
    public ConcurrentQueue<string> Accounts { get; } = new();

    public Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string accountId, string region, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<TrailInfo>>(accountId, "DescribeTrails", region, "", Trails);

    public Task<TrailStatus> GetTrailStatusAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken) =>
        Answer(accountId, "GetTrailStatus", region, trailArn, new TrailStatus(true));

    public Task<EventSelectors> GetEventSelectorsAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken) =>
        Answer(accountId, "GetEventSelectors", region, trailArn, new EventSelectors([BasicEventSelector.AllManagementEvents], []));

    private Task<T> Answer<T>(string accountId, string operation, string region, string target, T value)
    {
        Accounts.Enqueue(accountId);
        Calls.Enqueue((operation, region, target));
        return Failures.TryGetValue($"{operation} {target}".Trim(), out var failure) ? Task.FromException<T>(failure) : Task.FromResult(value);
    }
}
