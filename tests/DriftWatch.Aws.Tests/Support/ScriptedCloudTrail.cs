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

    public Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string region, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<TrailInfo>>("DescribeTrails", region, "", Trails);

    public Task<TrailStatus> GetTrailStatusAsync(string region, string trailArn, CancellationToken cancellationToken) =>
        Answer("GetTrailStatus", region, trailArn, new TrailStatus(true));

    public Task<EventSelectors> GetEventSelectorsAsync(string region, string trailArn, CancellationToken cancellationToken) =>
        Answer("GetEventSelectors", region, trailArn, new EventSelectors([BasicEventSelector.AllManagementEvents], []));

    public Task<IReadOnlyList<TrailListing>> ListTrailsAsync(string region, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private Task<T> Answer<T>(string operation, string region, string target, T value)
    {
        Calls.Enqueue((operation, region, target));
        return Failures.TryGetValue($"{operation} {target}".Trim(), out var failure) ? Task.FromException<T>(failure) : Task.FromResult(value);
    }
}
