namespace DriftWatch.Worker.Tests.Support;

/// <summary>A real change that drops coverage, the CloudTrail event it emits, and how to put coverage back.</summary>
public sealed record Drift(string Name, Func<World, Task> Break, string BreakEvent, Func<World, Task> Restore, IReadOnlyList<string> RestoreEvents)
{
    /// <summary>The trail every scenario starts from: multi-region, homed outside the central region.</summary>
    public const string Trail = "org-audit";

    /// <summary>Its home region; the worker reads from us-east-1.</summary>
    public const string HomeRegion = "eu-west-1";

    /// <summary>The four drifts the issue names, by the API call that causes them.</summary>
    public static IReadOnlyDictionary<string, Drift> All { get; } = new Drift[]
    {
        new("StopLogging", w => w.Trails.StopLoggingAsync(Trail, HomeRegion), "StopLogging",
            w => w.Trails.StartLoggingAsync(Trail, HomeRegion), ["StartLogging"]),
        new("DeleteTrail", w => w.Trails.DeleteTrailAsync(Trail, HomeRegion), "DeleteTrail",
            w => w.CreateCompliantTrailAsync(Trail, HomeRegion), ["CreateTrail", "StartLogging"]),
        new("UpdateTrail", w => w.Trails.UpdateTrailAsync(Trail, HomeRegion, multiRegion: false), "UpdateTrail",
            w => w.Trails.UpdateTrailAsync(Trail, HomeRegion, multiRegion: true), ["UpdateTrail"]),
        new("PutEventSelectors",
            w => w.Trails.PutEventSelectorsAsync(Trail, HomeRegion, """[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}]"""),
            "PutEventSelectors",
            w => w.RestoreSelectorsAsync(Trail, HomeRegion), ["PutEventSelectors"]),
    }.ToDictionary(d => d.Name);

    /// <summary>Names for a theory.</summary>
    public static TheoryData<string> Names => new(All.Keys);
}
