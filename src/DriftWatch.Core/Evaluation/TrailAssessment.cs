using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The evaluator's view of one trail. Logging and Coverage are null when they could not be read;
/// CouldNotEvaluate is then true and Errors says why.
/// </summary>
public sealed record TrailAssessment(
    TrailInfo Trail,
    bool? Logging,
    ManagementCoverage? Coverage,
    DeliveryProblem? Delivery,
    bool Covers,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ReadError> Errors)
{
    /// <summary>The trail's destination as judged, when it was read (only for a trail that otherwise covers); null when not read.</summary>
    public DestinationAssessment? Destination { get; init; }

    /// <summary>True when an AWS error left this trail's state unknown.</summary>
    public bool CouldNotEvaluate => Errors.Count > 0;

    /// <summary>True when the trail records read and write management events in full wherever it logs.</summary>
    public bool CapturesAllManagementEvents =>
        Logging == true && Coverage?.IsComplete == true && Delivery is null && Destination?.Status != DestinationStatus.Broken;
}
