using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>
/// One transition in `history --output json` (record "transition", kind "coverage": transitions are coverage's): from
/// is null for an account's first recorded verdict.
/// </summary>
internal sealed record TransitionJson(
    string Record,
    string Kind,
    string Account,
    string? From,
    string To,
    DateTime At,
    CauseJson Cause,
    SummaryJson? Before,
    SummaryJson After)
{
    /// <summary>The record word of a transition.</summary>
    public const string RecordName = "transition";

    /// <summary>Maps a stored transition (Of, not From: From is the status it left).</summary>
    public static TransitionJson Of(Transition t) => new(
        RecordName,
        IncidentKind.Coverage,
        t.AccountId,
        t.From is { } from ? CliJson.Status(from) : null,
        CliJson.Status(t.To),
        t.DetectedAt.UtcDateTime,
        CauseJson.From(t.Cause),
        t.Before is null ? null : SummaryJson.From(t.Before),
        SummaryJson.From(t.After));
}
