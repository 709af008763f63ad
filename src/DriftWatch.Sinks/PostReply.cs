namespace DriftWatch.Sinks;

/// <summary>How an HTTP sink's POST ended: the receiver's last answer, or why no answer came.</summary>
/// <param name="Status">The HTTP status; 0 when there was no answer.</param>
/// <param name="Body">The answer's body (a receiver's reason for a refusal); empty when there was none.</param>
/// <param name="Unanswered">Why no answer came ("timed out", "could not connect (…)"); null when one did. Holds no URL.</param>
internal sealed record PostReply(int Status, string Body, string? Unanswered)
{
    /// <summary>True for a 2xx answer.</summary>
    public bool Accepted => Unanswered is null && Status is >= 200 and < 300;

    /// <summary>True for a 4xx other than 408 and 429: a refusal no retry fixes, most often a setting.</summary>
    public bool IsFinalRefusal => Unanswered is null && Status is >= 400 and < 500 and not 408 and not 429;
}
