namespace DriftWatch.Core.Trails;

/// <summary>
/// One lifecycle rule of a log bucket, reduced to what decides whether it deletes logs: whether it is enabled, after how
/// many days it expires current objects (null: it expires none by age), the key prefix it applies to ("" for all), and
/// whether it is limited to tagged objects (CloudTrail's log objects carry no tags, so such a rule never applies to them).
/// </summary>
public sealed record LifecycleRule(string Id, bool Enabled, int? ExpirationDays, string Prefix, bool TagFiltered = false);
