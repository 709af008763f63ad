namespace DriftWatch.Testing;

/// <summary>A trail as ListTrails names it: less than DescribeTrails says, so not a <c>TrailInfo</c>.</summary>
public sealed record TrailListing(string Name, string Arn, string HomeRegion);
