using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// StoredJson's generated serialisation writes and reads exactly what the reflection-based serialiser it replaced did:
/// DynamoDB holds JSON written by earlier versions, and webhooks' receivers parse these bodies.
/// </summary>
public sealed class StoredJsonFormatTests
{
    // StoredJson's settings before the source-generated context, as they were: the format of every stored record.
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly TrailSummary Trail = new(
        "org-trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail", "eu-west-1", true, true, true, true, false,
        ["kms.amazonaws.com"], null, false, ["management writes are not logged"])
    {
        DestinationProblem = "bucket policy lets others write",
    };

    private static readonly TriggerEvent Event = new(
        "StopLogging", "e-1", new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero), "eu-west-1", "111122223333",
        "arn:aws:iam::111122223333:user/mallory", "IAMUser", "198.51.100.7", "aws-cli/2", "org-trail");

    private static readonly VerdictSummary Verdict = new(ComplianceStatus.Fail, [Trail], ["no trail covers"], ["start logging"], [], null);

    [Fact]
    public void ReadsAVerdictInTheFormatStoredBefore()
    {
        const string stored = """
            {"status":"fail","trails":[{"name":"org-trail","arn":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail",
            "homeRegion":"eu-west-1","multiRegion":true,"organization":true,"logging":true,"managementReads":true,
            "managementWrites":false,"excludedSources":["kms.amazonaws.com"],"covers":false,
            "reasons":["management writes are not logged"],"destinationProblem":"bucket policy lets others write"}],
            "reasons":["no trail covers"],"remediation":["start logging"],"errors":[]}
            """;

        var verdict = StoredJson.Read<VerdictSummary>(stored);

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Equal(Verdict.Fingerprint, verdict.Fingerprint);
        Assert.Equal("bucket policy lets others write", Assert.Single(verdict.Trails).DestinationProblem);
        Assert.Equal(["start logging"], verdict.Remediation);
        Assert.Null(verdict.ExceptionRationale);
    }

    [Fact]
    public void ReadsACauseAndANoticeInTheFormatStoredBefore()
    {
        const string cause = """
            {"kind":"event","events":[{"eventName":"StopLogging","eventId":"e-1","eventTime":"2026-12-06T21:00:00+00:00",
            "region":"eu-west-1","accountId":"111122223333","trailName":"org-trail"}]}
            """;
        const string notice = """
            {"type":"incident.opened","incidentId":"111122223333-00000001","account":"111122223333","status":"error",
            "detectedAt":"2026-12-06T21:00:00+00:00","cause":{"kind":"sweep"},"trails":[],"reasons":[],"remediation":[],
            "kind":"integrity"}
            """;

        var readCause = StoredJson.Read<EvaluationCause>(cause);
        var readNotice = StoredJson.Read<IncidentNotice>(notice);

        Assert.Equal(("event", "StopLogging"), (readCause.Kind, Assert.Single(readCause.Events).EventName));
        Assert.Equal(ComplianceStatus.Error, readNotice.Status);
        Assert.Equal(("integrity", "sweep"), (readNotice.Kind, readNotice.Cause.Kind));
    }

    [Fact]
    public void WritesEveryStoredTypeAsTheReflectionSerialiserDid()
    {
        var cause = EvaluationCause.FromEvents([Event]);
        var notice = IncidentNotice.Of(IncidentNotice.Opened, "111122223333-00000001", "111122223333", Event.EventTime!.Value, cause, Verdict);
        IReadOnlyList<string> problems = ["no forwarding rule"];

        Assert.Equal(Normalised(JsonSerializer.Serialize(Verdict, Reflection)), Normalised(StoredJson.Write(Verdict)));
        Assert.Equal(Normalised(JsonSerializer.Serialize(cause, Reflection)), Normalised(StoredJson.Write(cause)));
        Assert.Equal(Normalised(JsonSerializer.Serialize(Event, Reflection)), Normalised(StoredJson.Write(Event)));
        Assert.Equal(Normalised(JsonSerializer.Serialize(notice, Reflection)), Normalised(StoredJson.Write(notice)));
        Assert.Equal(Normalised(JsonSerializer.Serialize(problems, Reflection)), Normalised(StoredJson.Write(problems)));
        Assert.Contains("\"status\":\"fail\"", StoredJson.Write(Verdict), StringComparison.Ordinal);
        Assert.DoesNotContain("fingerprint", StoredJson.Write(Verdict), StringComparison.OrdinalIgnoreCase);
    }

    // Property order is not part of the format (readers match by name); names, values and absences are.
    private static string Normalised(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
