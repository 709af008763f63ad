using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>Why an evaluation ran: kind "event" with the CloudTrail calls that prompted it, or "sweep" with none.</summary>
internal sealed record CauseJson(string Kind, IReadOnlyList<CauseEventJson> Events)
{
    /// <summary>Maps a stored cause.</summary>
    public static CauseJson From(EvaluationCause cause) => new(cause.Kind, cause.Events.Select(CauseEventJson.From).ToList());
}
