using System.Globalization;
using System.Text.Json.Nodes;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Http;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.CloudTrail;

/// <summary>
/// CloudTrail over the JSON 1.1 caller, as the account asked about. All wire-shape knowledge lives in this file, so
/// swapping in AWSSDK.CloudTrail (once the feed serves it) replaces only this class.
/// </summary>
internal sealed class CloudTrailClient(AccountCaller calls) : ICloudTrailClient
{
    public async Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string accountId, string region, CancellationToken cancellationToken)
    {
        var reply = await calls.SendAsync(
            accountId, AwsService.CloudTrail, "DescribeTrails", region, new JsonObject { ["includeShadowTrails"] = true }, cancellationToken)
            .ConfigureAwait(false);
        return Objects(reply["trailList"]).Select(trail => ToTrailInfo(trail, region)).ToList();
    }

    public async Task<TrailStatus> GetTrailStatusAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken)
    {
        var reply = await calls.SendAsync(
            accountId, AwsService.CloudTrail, "GetTrailStatus", region, new JsonObject { ["Name"] = trailArn }, cancellationToken)
            .ConfigureAwait(false);
        return new TrailStatus(
            IsLogging: Bool(reply["IsLogging"]) ?? false,
            LatestDeliveryAttemptTime: Text(reply["LatestDeliveryAttemptTime"]),
            LatestDeliveryAttemptSucceeded: Text(reply["LatestDeliveryAttemptSucceeded"]),
            LatestDeliveryError: Text(reply["LatestDeliveryError"]),
            StartLoggingTime: Timestamp(reply["StartLoggingTime"]),
            StopLoggingTime: Timestamp(reply["StopLoggingTime"]));
    }

    public async Task<EventSelectors> GetEventSelectorsAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken)
    {
        var reply = await calls.SendAsync(
            accountId, AwsService.CloudTrail, "GetEventSelectors", region, new JsonObject { ["TrailName"] = trailArn }, cancellationToken)
            .ConfigureAwait(false);
        return new EventSelectors(
            Objects(reply["EventSelectors"]).Select(ToBasicSelector).ToList(),
            Objects(reply["AdvancedEventSelectors"]).Select(ToAdvancedSelector).ToList());
    }

    private static TrailInfo ToTrailInfo(JsonObject trail, string region)
    {
        var name = Text(trail["Name"]) ?? "";
        return new TrailInfo(
            Name: name,
            Arn: Text(trail["TrailARN"]) ?? name,
            HomeRegion: Text(trail["HomeRegion"]) ?? region,
            IsMultiRegion: Bool(trail["IsMultiRegionTrail"]) ?? false,
            IsOrganization: Bool(trail["IsOrganizationTrail"]) ?? false,
            S3BucketName: Text(trail["S3BucketName"]),
            S3KeyPrefix: Text(trail["S3KeyPrefix"]),
            KmsKeyId: Text(trail["KmsKeyId"]));
    }

    // AWS documents the defaults: an absent ReadWriteType is All, absent IncludeManagementEvents is true.
    private static BasicEventSelector ToBasicSelector(JsonObject selector) => new(
        Text(selector["ReadWriteType"]) switch
        {
            "ReadOnly" => ReadWriteType.ReadOnly,
            "WriteOnly" => ReadWriteType.WriteOnly,
            _ => ReadWriteType.All,
        },
        Bool(selector["IncludeManagementEvents"]) ?? true,
        Strings(selector["ExcludeManagementEventSources"]) ?? []);

    private static AdvancedEventSelector ToAdvancedSelector(JsonObject selector) => new(
        Text(selector["Name"]),
        Objects(selector["FieldSelectors"]).Select(field => new AdvancedFieldSelector(
            Field: Text(field["Field"]) ?? "",
            EqualsAny: Strings(field["Equals"]),
            StartsWith: Strings(field["StartsWith"]),
            EndsWith: Strings(field["EndsWith"]),
            NotEquals: Strings(field["NotEquals"]),
            NotStartsWith: Strings(field["NotStartsWith"]),
            NotEndsWith: Strings(field["NotEndsWith"]))).ToList());

    private static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    private static List<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : null;

    // Empty strings mean "unknown" (moto leaves delivery fields ""), so they read as absent.
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static bool? Bool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    // JSON 1.1 sends timestamps as epoch seconds (possibly fractional); accept ISO 8601 text too.
    private static DateTimeOffset? Timestamp(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return Text(value) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }
}
