namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Resource: a Type such as AwsAccount or AwsCloudTrailTrail and its canonical Id (an ARN where there is one).</summary>
public sealed record FindingResource(string Type, string Id, string? Partition = null, string? Region = null);
