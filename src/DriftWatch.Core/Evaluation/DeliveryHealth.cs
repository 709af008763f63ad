using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>Reads GetTrailStatus's delivery fields: a trail whose logs do not reach their bucket records nothing.</summary>
public static class DeliveryHealth
{
    /// <summary>The delivery problem, or null when delivery is healthy or unknown (empty fields).</summary>
    public static DeliveryProblem? Of(TrailStatus status)
    {
        var attempt = Blank(status.LatestDeliveryAttemptTime);
        var succeeded = Blank(status.LatestDeliveryAttemptSucceeded);
        var error = Blank(status.LatestDeliveryError);

        // When the latest attempt is also the latest success, an old error no longer matters.
        if (attempt is not null && succeeded is not null && string.Equals(attempt, succeeded, StringComparison.Ordinal))
        {
            return null;
        }

        if (attempt is not null && succeeded is not null)
        {
            return new DeliveryProblem(succeeded, error ?? $"the latest delivery attempt ({attempt}) did not succeed");
        }

        return error is null ? null : new DeliveryProblem(succeeded, error);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
