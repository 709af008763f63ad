using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>
/// The item layout of the three tables (the transitions table also holds denied attempts, under their own key prefix). Keys and the fields people filter on are attributes of their own;
/// nested records are JSON strings, so the layout does not change when a summary gains a field.
/// </summary>
internal static class DynamoItems
{
    public const string OpenStatus = "open";
    public const string ResolvedStatus = "resolved";

    /// <summary>Status of an item that only carries a monitoring-blind notice; it is not an incident.</summary>
    public const string BlindStatus = "blind";

    /// <summary>Status of an incidents-table item that only carries an attempt.denied notice; it is not an incident.</summary>
    public const string AttemptStatus = "attempt";

    /// <summary>
    /// Sort-key prefix of a denied attempt in the transitions table. Transition keys start with a time ("2026-…"), and
    /// "attempt#" sorts after every digit, so the reports' time-range queries never meet an attempt.
    /// </summary>
    public const string AttemptKeyPrefix = "attempt#";

    public static Dictionary<string, AttributeValue> State(AccountState s)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["AccountId"] = S(s.AccountId),
            ["Version"] = new() { N = s.Version.ToString(CultureInfo.InvariantCulture) },
            ["Status"] = S(Status(s.Verdict.Status)),
            ["Verdict"] = S(StoredJson.Write(s.Verdict)),
            ["ChangedAt"] = S(Time(s.ChangedAt)),
            ["LastEvaluatedAt"] = S(Time(s.LastEvaluatedAt)),
            ["BlindNoticeSent"] = new() { BOOL = s.BlindNoticeSent },
        };
        // The coverage incident keeps its attribute of old, so a state written now is still read by an older worker.
        Optional(item, "OpenIncidentId", s.OpenIncidentId);
        if (s.OpenIncidents.Count > 0)
        {
            item["OpenIncidents"] = new() { M = s.OpenIncidents.ToDictionary(p => p.Key, p => S(p.Value), StringComparer.Ordinal) };
        }

        Optional(item, "ErrorSince", s.ErrorSince is { } since ? Time(since) : null);
        return item;
    }

    public static AccountState State(Dictionary<string, AttributeValue> item) => new(
        item["AccountId"].S,
        long.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        StoredJson.Read<VerdictSummary>(item["Verdict"].S),
        ParseTime(item["ChangedAt"].S),
        ParseTime(item["LastEvaluatedAt"].S),
        OpenIncidents(item),
        Text(item, "ErrorSince") is { } since ? ParseTime(since) : null,
        item.TryGetValue("BlindNoticeSent", out var blind) && blind.BOOL == true);

    /// <summary>The open incident per kind; a state written before kinds has only OpenIncidentId, its coverage incident.</summary>
    private static IReadOnlyDictionary<string, string> OpenIncidents(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("OpenIncidents", out var open) && open.M is { Count: > 0 } kinds
            ? kinds.Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S, StringComparer.Ordinal)
            : AccountState.CoverageOnly(Text(item, "OpenIncidentId"));

    public static Dictionary<string, AttributeValue> Transition(Transition t)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["AccountId"] = S(t.AccountId),
            ["TransitionKey"] = S(TransitionKey(t.DetectedAt, t.Version)),
            ["Version"] = new() { N = t.Version.ToString(CultureInfo.InvariantCulture) },
            ["To"] = S(Status(t.To)),
            ["DetectedAt"] = S(Time(t.DetectedAt)),
            ["Cause"] = S(StoredJson.Write(t.Cause)),
            ["After"] = S(StoredJson.Write(t.After)),
        };
        Optional(item, "From", t.From is { } from ? Status(from) : null);
        Optional(item, "Before", t.Before is null ? null : StoredJson.Write(t.Before));
        return item;
    }

    public static Transition Transition(Dictionary<string, AttributeValue> item) => new(
        item["AccountId"].S,
        long.Parse(item["Version"].N, CultureInfo.InvariantCulture),
        Text(item, "From") is { } from ? ParseStatus(from) : null,
        ParseStatus(item["To"].S),
        ParseTime(item["DetectedAt"].S),
        StoredJson.Read<EvaluationCause>(item["Cause"].S),
        Text(item, "Before") is { } before ? StoredJson.Read<VerdictSummary>(before) : null,
        StoredJson.Read<VerdictSummary>(item["After"].S));

    /// <summary>A new open incident, its "opened" notice pending in the outbox as decided.</summary>
    public static Dictionary<string, AttributeValue> Incident(IncidentOpening opening)
    {
        var i = opening.Incident;
        return new()
        {
            ["IncidentId"] = S(i.IncidentId),
            ["AccountId"] = S(i.AccountId),
            ["OpenedAt"] = S(Time(i.OpenedAt)),
            ["Status"] = S(OpenStatus),
            ["Kind"] = S(i.Kind),
            ["OpenedBy"] = S(StoredJson.Write(i.OpenedBy)),
            ["Verdict"] = S(StoredJson.Write(i.Verdict)),
            [NoticeAttributes.Opened.Body] = S(StoredJson.Write(opening.Notice)),
            [NoticeAttributes.Opened.Pending] = S(Time(i.OpenedAt)),
        };
    }

    /// <summary>A monitoring-blind notice waiting in the outbox (kept in the incidents table, listed as no incident).</summary>
    public static Dictionary<string, AttributeValue> BlindNotice(MonitoringBlind blind) => new()
    {
        ["IncidentId"] = S(blind.NoticeId),
        ["AccountId"] = S(blind.AccountId),
        ["OpenedAt"] = S(Time(blind.At)),
        ["Status"] = S(BlindStatus),
        ["OpenedBy"] = S(StoredJson.Write(blind.Cause)),
        ["Verdict"] = S(StoredJson.Write(blind.Verdict)),
        [NoticeAttributes.Blind.Body] = S(StoredJson.Write(blind.Notice)),
        [NoticeAttributes.Blind.Pending] = S(Time(blind.At)),
    };

    /// <summary>An attempt.denied notice waiting in the outbox (kept in the incidents table, listed as no incident).</summary>
    public static Dictionary<string, AttributeValue> AttemptNotice(DeniedAttempt attempt) => new()
    {
        ["IncidentId"] = S(attempt.NoticeId),
        ["AccountId"] = S(attempt.AccountId),
        ["OpenedAt"] = S(Time(attempt.DetectedAt)),
        ["Status"] = S(AttemptStatus),
        ["Kind"] = S(attempt.Kind),
        [NoticeAttributes.Attempt.Body] = S(StoredJson.Write(attempt.Notice)),
        [NoticeAttributes.Attempt.Pending] = S(Time(attempt.DetectedAt)),
    };

    /// <summary>A denied attempt as the history lists it: in the transitions table, keyed by its event, never a transition.</summary>
    public static Dictionary<string, AttributeValue> AttemptRecord(DeniedAttempt attempt) => new()
    {
        ["AccountId"] = S(attempt.AccountId),
        ["TransitionKey"] = S(AttemptKey(attempt.Event.EventId)),
        ["Record"] = S(AttemptStatus),
        ["Kind"] = S(attempt.Kind),
        ["DetectedAt"] = S(Time(attempt.DetectedAt)),
        ["NoticeId"] = S(attempt.NoticeId),
        ["Event"] = S(StoredJson.Write(attempt.Event)),
        ["Notice"] = S(StoredJson.Write(attempt.Notice)),
    };

    public static DeniedAttempt Attempt(Dictionary<string, AttributeValue> item) => new(
        item["NoticeId"].S,
        item["AccountId"].S,
        ParseTime(item["DetectedAt"].S),
        StoredJson.Read<TriggerEvent>(item["Event"].S),
        StoredJson.Read<IncidentNotice>(item["Notice"].S));

    /// <summary>The history key of a denied attempt: one per event, so a message delivered twice records it once.</summary>
    public static string AttemptKey(string eventId) => AttemptKeyPrefix + DeniedAttempt.EventKey(eventId);

    /// <summary>True for a transitions-table item that records a denied attempt, not a transition.</summary>
    public static bool IsAttempt(Dictionary<string, AttributeValue> item) =>
        Text(item, "TransitionKey") is { } key && key.StartsWith(AttemptKeyPrefix, StringComparison.Ordinal);

    /// <summary>True for items that are incidents (open or resolved), not outbox-only notices.</summary>
    public static bool IsIncident(Dictionary<string, AttributeValue> item) =>
        Text(item, "Status") is OpenStatus or ResolvedStatus;

    /// <summary>The notice of the given type exactly as it was decided and first sent; nothing is rebuilt.</summary>
    public static IncidentNotice Notice(Dictionary<string, AttributeValue> item, NoticeAttributes kind) =>
        StoredJson.Read<IncidentNotice>(item[kind.Body].S);

    /// <summary>
    /// The item's pending notices in notice order, each with the sinks that took it and the sinks that took a later
    /// notice of the item (a cleared one included: its "taken by" set stays).
    /// </summary>
    public static IEnumerable<PendingNotice> PendingNotices(Dictionary<string, AttributeValue> item)
    {
        for (var i = 0; i < NoticeAttributes.All.Count; i++)
        {
            var kind = NoticeAttributes.All[i];
            if (Text(item, kind.Pending) is not { } marker)
            {
                continue;
            }

            var attempts = item.TryGetValue(kind.Attempts, out var n) && n.N is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 0;
            var later = NoticeAttributes.All.Skip(i + 1).SelectMany(l => Names(item, l.TakenBy));
            yield return new PendingNotice(
                Notice(item, kind), marker, ParseTime(marker), attempts, Names(item, kind.TakenBy).ToHashSet(StringComparer.Ordinal), later.ToHashSet(StringComparer.Ordinal));
        }
    }

    /// <summary>A string set attribute's members; none when it is absent (DynamoDB stores no empty set).</summary>
    private static IEnumerable<string> Names(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.SS is { } names ? names : [];

    public static Incident Incident(Dictionary<string, AttributeValue> item) => new(
        item["IncidentId"].S,
        item["AccountId"].S,
        ParseTime(item["OpenedAt"].S),
        Text(item, "ResolvedAt") is { } resolved ? ParseTime(resolved) : null,
        StoredJson.Read<EvaluationCause>(item["OpenedBy"].S),
        StoredJson.Read<VerdictSummary>(item["Verdict"].S),
        Text(item, "ResolvedBy") is { } by ? StoredJson.Read<EvaluationCause>(by) : null)
    {
        // Incidents recorded before kinds were all coverage incidents.
        Kind = Text(item, "Kind") ?? IncidentKind.Coverage,
    };

    /// <summary>Sorts by detection time, then version; unique per account because versions are.</summary>
    public static string TransitionKey(DateTimeOffset detectedAt, long version) =>
        $"{Time(detectedAt)}#{version.ToString("D12", CultureInfo.InvariantCulture)}";

    /// <summary>UTC with a fixed width, so string order is time order.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static AttributeValue S(string value) => new() { S = value };

    private static string Status(ComplianceStatus status) => status.ToString().ToLowerInvariant();

    private static ComplianceStatus ParseStatus(string text) => Enum.Parse<ComplianceStatus>(text, ignoreCase: true);

    public static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    /// <summary>Resolves an open incident: the update of its row, with the "resolved" notice put in the outbox.</summary>
    public static Update ResolveIncident(string incidentsTable, IncidentResolution resolution) => new()
    {
        TableName = incidentsTable,
        Key = new() { ["IncidentId"] = S(resolution.ResolvedIncidentId) },
        // The "resolved" notice enters the outbox in the same transaction that resolves the incident. The verdict that
        // resolved it is not copied here: the transition written beside this update holds it (After), and so does the
        // notice. Rows written before 2026-12-07 also hold a ResolvedVerdict, which nothing reads.
        UpdateExpression = "SET #status = :resolved, ResolvedAt = :at, ResolvedBy = :by, "
            + $"{NoticeAttributes.Resolved.Body} = :notice, {NoticeAttributes.Resolved.Pending} = :at",
        ConditionExpression = "#status = :open",
        ExpressionAttributeNames = new() { ["#status"] = "Status" },
        ExpressionAttributeValues = new()
        {
            [":resolved"] = S(ResolvedStatus),
            [":open"] = S(OpenStatus),
            [":at"] = S(Time(resolution.ResolvedAt)),
            [":by"] = S(StoredJson.Write(resolution.ResolvedBy)),
            [":notice"] = S(StoredJson.Write(resolution.Notice)),
        },
    };
}
