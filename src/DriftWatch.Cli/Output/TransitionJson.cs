using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>One element of `history --output json`: from is null for an account's first recorded verdict.</summary>
internal sealed record TransitionJson(
    string Account,
    string? From,
    string To,
    DateTime At,
    CauseJson Cause,
    SummaryJson? Before,
    SummaryJson After)
{
    /// <summary>Maps a stored transition (Of, not From: From is the status it left).</summary>
    public static TransitionJson Of(Transition t) => new(
        t.AccountId,
        t.From is { } from ? CliJson.Status(from) : null,
        CliJson.Status(t.To),
        t.DetectedAt.UtcDateTime,
        CauseJson.From(t.Cause),
        t.Before is null ? null : SummaryJson.From(t.Before),
        SummaryJson.From(t.After));
}
