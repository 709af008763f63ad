using System.Text.Json;
using System.Text.Json.Serialization;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Waivers;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Trails;

namespace DriftWatch.Cli.Output;

/// <summary>
/// The `--output json` contract: one document on stdout, camelCase, every field always present except `exception`
/// (only when a documented exception applied) and a trail's `destination` (only for a trail that names a bucket). Kept apart from the core records so that renaming a C# property
/// cannot silently break a consumer.
/// </summary>
internal sealed record VerdictJson(
    string Status,
    string? Account,
    DateTime EvaluatedAt,
    IReadOnlyList<TrailJson> Trails,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation,
    IReadOnlyList<ErrorJson> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExceptionJson? Exception,
    int ApiCalls,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<RetentionJson> Retention,
    int DestinationCalls)
{
    private static readonly VerdictJsonContext Context = new(new JsonSerializerOptions(CliJson.Options));

    /// <summary>Maps a verdict to its JSON shape.</summary>
    public static VerdictJson From(Verdict verdict) => new(
        CliJson.Status(verdict.Status),
        verdict.AccountId.Length == 0 ? null : verdict.AccountId,
        verdict.EvaluatedAt.UtcDateTime,
        verdict.Trails.Select(TrailJson.From).ToList(),
        verdict.Reasons,
        verdict.Remediation,
        verdict.Errors.Select(ErrorJson.From).ToList(),
        verdict.Exception is null ? null : ExceptionJson.From(verdict.Exception),
        verdict.ApiCalls,
        verdict.Warnings,
        verdict.Retention.Select(RetentionJson.From).ToList(),
        verdict.DestinationCalls);

    /// <summary>Writes the verdict as one JSON document followed by a newline.</summary>
    public static void Write(Verdict verdict, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(From(verdict), Context.VerdictJson));
}

/// <summary>One trail in the JSON verdict; null means "could not be read".</summary>
internal sealed record TrailJson(
    string Name,
    string Arn,
    string HomeRegion,
    bool MultiRegion,
    bool Organization,
    bool? Logging,
    ManagementJson Management,
    IReadOnlyList<string> ExcludedSources,
    string? DeliveryProblem,
    bool Covers,
    IReadOnlyList<string> Reasons,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DestinationJson? Destination = null)
{
    /// <summary>Maps a trail assessment.</summary>
    public static TrailJson From(TrailAssessment t) => new(
        t.Trail.Name,
        t.Trail.Arn,
        t.Trail.HomeRegion,
        t.Trail.IsMultiRegion,
        t.Trail.IsOrganization,
        t.Logging,
        new ManagementJson(t.Coverage?.Reads, t.Coverage?.Writes),
        t.Coverage?.ExcludedSources ?? [],
        t.Delivery?.ToString(),
        t.Covers,
        t.Reasons,
        DestinationJson.From(t));

    /// <summary>Maps a stored trail summary (history and incidents): the same shape as in `check`.</summary>
    public static TrailJson From(TrailSummary t) => new(
        t.Name,
        t.Arn,
        t.HomeRegion,
        t.MultiRegion,
        t.Organization,
        t.Logging,
        new ManagementJson(t.ManagementReads, t.ManagementWrites),
        t.ExcludedSources,
        t.DeliveryProblem,
        t.Covers,
        t.Reasons);
}

/// <summary>
/// Where a trail delivers and how that stands: `ok`, `broken` (problems say what), `not-verified` (DriftWatch could
/// not read it; problems say why) or `not-read` (the trail fails on its own, so its bucket was not looked at).
/// </summary>
internal sealed record DestinationJson(string Bucket, string? Prefix, string? Key, string Status, IReadOnlyList<string> Problems)
{
    /// <summary>The destination of an assessed trail, null when the trail names no bucket.</summary>
    public static DestinationJson? From(TrailAssessment t)
    {
        if (t.Destination is { } d)
        {
            var (status, problems) = d.Status switch
            {
                DestinationStatus.Ok => ("ok", (IReadOnlyList<string>)[]),
                DestinationStatus.Broken => ("broken", d.Problems.Select(p => p.Why).ToList()),
                _ => ("not-verified", d.NotVerified),
            };
            return new DestinationJson(d.Bucket, Blank(d.KeyPrefix), Blank(d.KmsKeyId), status, problems);
        }

        return t.Trail.S3BucketName is { Length: > 0 } bucket
            ? new DestinationJson(bucket, Blank(t.Trail.S3KeyPrefix), Blank(t.Trail.KmsKeyId), "not-read", [])
            : null;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A lifecycle rule that deletes a trail's logs sooner than required.</summary>
internal sealed record RetentionJson(string Trail, string Bucket, string Rule, int ExpirationDays, int MinimumDays)
{
    /// <summary>Maps a retention shortfall.</summary>
    public static RetentionJson From(RetentionShortfall r) => new(r.TrailName, r.Bucket, r.RuleId, r.ExpirationDays, r.MinimumDays);
}

/// <summary>Whether a trail records read and write management events in full.</summary>
internal sealed record ManagementJson(bool? Read, bool? Write);

/// <summary>An AWS call that failed while reading the account.</summary>
internal sealed record ErrorJson(string Operation, string Target, string Region, string Code, string Message)
{
    /// <summary>Maps a read error.</summary>
    public static ErrorJson From(ReadError e) => new(e.Operation, e.Target, e.Region, e.Code, e.Message);
}

/// <summary>The documented exception that applied to the verdict.</summary>
internal sealed record ExceptionJson(
    string Account,
    IReadOnlyList<string> Regions,
    string Rationale,
    string CompensatingControls,
    string Owner,
    DateOnly Expires)
{
    /// <summary>Maps a documented exception.</summary>
    public static ExceptionJson From(Waiver e) =>
        new(e.AccountId, e.Regions, e.Rationale, e.CompensatingControls, e.Owner, e.Expires);
}

/// <summary>Source-generated serialization for the JSON verdict (no reflection at run time).</summary>
[JsonSerializable(typeof(VerdictJson))]
internal sealed partial class VerdictJsonContext : JsonSerializerContext;
