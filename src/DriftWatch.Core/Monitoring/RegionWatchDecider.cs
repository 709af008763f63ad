using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Folds an observation into a region's watch and decides the monitoring incident: a region is blind while its
/// forwarder check found a problem or its heartbeat is overdue (none heard for longer than the timeout), and one
/// incident of kind <see cref="IncidentKind.Monitoring"/> is open per (account, region) while it is; it resolves
/// once heartbeats arrive again and the forwarder checks healthy. A forwarder that could not be read neither opens nor
/// resolves. Every id and text the store writes or the SOC reads is named here.
/// </summary>
public static class RegionWatchDecider
{
    /// <summary>
    /// Decides what an observation changes. <paramref name="heartbeatTimeout"/> null means heartbeats are off: only
    /// the forwarder check counts.
    /// </summary>
    public static RegionWatchDecision Decide(
        RegionWatch? previous,
        string accountId,
        string region,
        RegionObservation observation,
        DateTimeOffset now,
        TimeSpan? heartbeatTimeout)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var watch = Apply(previous ?? RegionWatch.Start(accountId, region, now), observation, now);
        var version = watch.Version + 1;
        var reasons = BlindReasons(watch, now, heartbeatTimeout);

        IncidentChange? change = (reasons.Count > 0, watch.OpenIncidentId) switch
        {
            (true, null) => Opening(watch, version, reasons, observation.Cause, now),
            (false, { } open) => Resolution(watch, open, observation.Cause, now),
            _ => null,
        };

        var next = watch with
        {
            Version = version,
            OpenIncidentId = change switch
            {
                IncidentOpening opening => opening.Incident.IncidentId,
                IncidentResolution => null,
                _ => watch.OpenIncidentId,
            },
        };
        var unchanged = previous is not null && change is null
            && previous.LastHeartbeatAt == next.LastHeartbeatAt
            && previous.ForwarderProblems.SequenceEqual(next.ForwarderProblems, StringComparer.Ordinal);
        return new RegionWatchDecision(next, change, unchanged);
    }

    /// <summary>The incident id: one per account, region and opening version, so a retried write cannot open two.</summary>
    public static string IncidentIdFor(string accountId, string region, long version) =>
        $"{IncidentKind.Monitoring}-{accountId}-{region}-{version:D8}";

    /// <summary>Why the region is blind now; empty when it is not.</summary>
    public static IReadOnlyList<string> BlindReasons(RegionWatch watch, DateTimeOffset now, TimeSpan? heartbeatTimeout)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var reasons = new List<string>(watch.ForwarderProblems);
        if (heartbeatTimeout is { } timeout && now - watch.HeardFrom > timeout)
        {
            reasons.Add(watch.LastHeartbeatAt is { } last
                ? $"No heartbeat from account {watch.AccountId} in {watch.Region} since {last:yyyy-MM-dd'T'HH:mm:ss'Z'} (timeout {timeout}): its forwarder delivers nothing"
                : $"No heartbeat from account {watch.AccountId} in {watch.Region} since watching began at {watch.WatchedSince:yyyy-MM-dd'T'HH:mm:ss'Z'} (timeout {timeout}): its forwarder delivers nothing");
        }

        return reasons;
    }

    private static RegionWatch Apply(RegionWatch watch, RegionObservation observation, DateTimeOffset now) => observation switch
    {
        // A heartbeat stamped in the future counts from now: a skewed clock must not buy a region silence.
        RegionObservation.HeartbeatArrived arrived when watch.LastHeartbeatAt is not { } last || Earlier(arrived.SentAt, now) > last =>
            watch with { LastHeartbeatAt = Earlier(arrived.SentAt, now) },
        RegionObservation.ForwarderVerified { Check.IsVerified: true } verified =>
            watch with { ForwarderProblems = verified.Check.Problems, ForwarderRemediation = verified.Check.Remediation, VerifiedAt = now },
        _ => watch,
    };

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static IncidentOpening Opening(RegionWatch watch, long version, IReadOnlyList<string> reasons, EvaluationCause cause, DateTimeOffset now)
    {
        var remediation = watch.ForwarderRemediation.Count > 0
            ? watch.ForwarderRemediation
            : [$"aws events describe-rule --name <forwarder rule> --region {watch.Region}   # is the forwarder there, ENABLED, targeting the central bus?"];
        var summary = Summary(ComplianceStatus.Fail, reasons, remediation);
        var incident = new Incident(IncidentIdFor(watch.AccountId, watch.Region, version), watch.AccountId, now, null, cause, summary)
        {
            Kind = IncidentKind.Monitoring,
        };
        var notice = IncidentNotice.Of(IncidentNotice.Opened, incident.IncidentId, watch.AccountId, now, cause, summary) with { Kind = IncidentKind.Monitoring };
        return new IncidentOpening(incident, notice);
    }

    private static IncidentResolution Resolution(RegionWatch watch, string incidentId, EvaluationCause cause, DateTimeOffset now)
    {
        var summary = Summary(
            ComplianceStatus.Pass,
            [$"Account {watch.AccountId} in {watch.Region}: heartbeats arrive and the forwarder checks healthy again"],
            []);
        var resolution = IncidentResolution.Of(incidentId, watch.AccountId, now, cause, summary);
        return resolution with { Notice = resolution.Notice with { Kind = IncidentKind.Monitoring } };
    }

    private static VerdictSummary Summary(ComplianceStatus status, IReadOnlyList<string> reasons, IReadOnlyList<string> remediation) =>
        new(status, [], reasons, remediation, [], null);
}
