using System.Globalization;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Core;
using DriftWatch.Core.Text;
using DriftWatch.Sinks.Soc;

namespace DriftWatch.Sinks.SecurityHub;

/// <summary>
/// Turns a notice into an ASFF finding. One finding stands per (account, incident kind): its Id never changes, so an
/// open, every redelivery and the resolve update the same finding (BatchImportFindings upserts by Id). A one-off
/// notice (<see cref="NoticeEffect.Informs"/>) is a finding of its own: a denied attempt judges no control (no
/// Compliance), but it is a defense-evasion signal a SOC triages where it triages the rest, so it is imported as an
/// informational finding with its own Id, which a redelivery only updates. Every text is cut to ASFF's limits.
/// </summary>
public static class AsffFinding
{
    /// <summary>ASFF limits (botocore securityhub model): Title, Description, Recommendation.Text, ProductFields, Resources.</summary>
    private const int TitleMax = 256;
    private const int DescriptionMax = 1024;
    private const int RecommendationMax = 512;
    private const int FieldValueMax = 2048;
    private const int FieldsMax = 50;
    private const int ResourcesMax = 32;

    /// <summary>The default product of the importing account: the only one an account may import into without a partner integration.</summary>
    public static string ProductArn(string region, string importingAccount) =>
        $"arn:{AwsIds.PartitionOf(region)}:securityhub:{region}:{importingAccount}:product/{importingAccount}/default";

    /// <summary>Stable per (account, kind) for raised and cleared problems; per notice for one-off events.</summary>
    public static string IdFor(SocNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Type.Effect == NoticeEffect.Informs
            ? $"driftwatch/{notice.Notice.Account}/{notice.Notice.Type}/{notice.Notice.IncidentId}"
            : $"driftwatch/{notice.Notice.Account}/{notice.Kind}";
    }

    /// <summary>
    /// The finding for a notice. CreatedAt and FirstObservedAt are kept from the finding Security Hub already holds
    /// (the first open), else the notice's detection time; UpdatedAt is now.
    /// </summary>
    public static SecurityFinding For(SocNotice notice, string importingAccount, string region, DateTimeOffset now, SecurityFinding? existing)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        var partition = AwsIds.PartitionOf(region);
        var detected = Timestamp(n.DetectedAt);
        var severity = new FindingSeverity(Label(notice.Severity));
        var types = notice.Type.FindingTypes ?? notice.KindProfile.FindingTypes;
        return new SecurityFinding(
            SecurityFinding.Schema,
            IdFor(notice),
            ProductArn(region, importingAccount),
            notice.KindProfile.Control,
            importingAccount,
            existing?.CreatedAt ?? detected,
            Timestamp(now),
            Title(notice),
            Bounded.Cut(Description(notice), DescriptionMax),
            Resources(notice, partition))
        {
            Region = region,
            Types = types,
            FirstObservedAt = existing?.FirstObservedAt ?? existing?.CreatedAt ?? detected,
            LastObservedAt = detected,
            Severity = severity,
            FindingProviderFields = new FindingProviderFields(severity, types),
            Remediation = new FindingRemediation(new FindingRecommendation(Recommendation(notice))),
            ProductFields = ProductFields(notice),
            Compliance = notice.Type.ComplianceStatus is { } status ? new FindingCompliance(status, notice.KindProfile.Requirements) : null,
            Workflow = new FindingWorkflow(notice.Type.WorkflowStatus),
            RecordState = "ACTIVE",
        };
    }

    /// <summary>
    /// True when the finding Security Hub holds was last observed after this notice was detected: a late redelivery
    /// (an open retried after its resolve went through) must not turn a passing finding back to failed.
    /// </summary>
    public static bool IsNewerThan(SecurityFinding? existing, SocNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return existing?.LastObservedAt is { } seen
            && DateTimeOffset.TryParse(seen, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at > DateTimeOffset.Parse(Timestamp(notice.Notice.DetectedAt), CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as ASFF timestamps are written.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Label(NoticeSeverity severity) => severity switch
    {
        NoticeSeverity.High => "HIGH",
        NoticeSeverity.Medium => "MEDIUM",
        NoticeSeverity.Low => "LOW",
        _ => "INFORMATIONAL",
    };

    private static string Title(SocNotice notice) => Bounded.Cut(
        notice.Type.Effect == NoticeEffect.Informs
            ? $"DriftWatch {notice.Type.Headline}: {(notice.CauseLine.Length > 0 ? notice.CauseLine : notice.KindProfile.Subject)}"
            : notice.KindProfile.Title,
        TitleMax);

    private static string Description(SocNotice notice)
    {
        var n = notice.Notice;
        var parts = new List<string> { $"{char.ToUpperInvariant(notice.Headline[0])}{notice.Headline[1..]} ({n.Status.ToString().ToLowerInvariant()})." };
        if (notice.CauseLine.Length > 0)
        {
            parts.Add($"Cause: {notice.CauseLine}.");
        }

        if (n.Reasons.Count > 0)
        {
            parts.Add("Reasons: " + string.Join("; ", n.Reasons.Select(r => InertText.Of(r, 256))) + ".");
        }

        return string.Join(' ', parts);
    }

    private static string Recommendation(SocNotice notice)
    {
        var commands = notice.Notice.Remediation.Select(c => InertText.Of(c, FieldValueMax)).ToList();
        if (commands.Count == 0)
        {
            return notice.Type.Effect == NoticeEffect.Clears
                ? "None: the control passes again."
                : $"Run `driftwatch check --verbose` with credentials for account {notice.Notice.Account} for the reasons and the fix.";
        }

        var text = string.Join('\n', commands);
        // The full commands are in ProductFields DriftWatch/Remediation/N when they do not fit.
        return text.Length <= RecommendationMax
            ? text
            : Bounded.Cut(text, RecommendationMax - 48) + "\n(all commands: DriftWatch/Remediation/*)";
    }

    private static List<FindingResource> Resources(SocNotice notice, string partition)
    {
        var resources = new List<FindingResource> { new("AwsAccount", $"AWS::::Account:{notice.Notice.Account}", partition) };
        resources.AddRange(notice.Notice.Trails
            .Where(t => t.Arn.Length > 0)
            .Take(ResourcesMax - 1)
            .Select(t => new FindingResource("AwsCloudTrailTrail", t.Arn, partition, t.HomeRegion)));
        return resources;
    }

    private static Dictionary<string, string> ProductFields(SocNotice notice)
    {
        var n = notice.Notice;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DriftWatch/NoticeType"] = n.Type,
            ["DriftWatch/IncidentId"] = n.IncidentId,
            ["DriftWatch/Kind"] = notice.Kind,
            ["DriftWatch/Account"] = n.Account,
            ["DriftWatch/Status"] = n.Status.ToString().ToLowerInvariant(),
            ["DriftWatch/DetectedAt"] = Timestamp(n.DetectedAt),
            ["DriftWatch/Cause/Kind"] = n.Cause.Kind,
        };
        Add(fields, "DriftWatch/Cause/EventName", n.Cause.EventName);
        Add(fields, "DriftWatch/Cause/EventId", n.Cause.EventId);
        Add(fields, "DriftWatch/Cause/Region", n.Cause.Region);
        Add(fields, "DriftWatch/Cause/Actor", n.Cause.Actor);
        Add(fields, "DriftWatch/Cause/SourceIp", n.Cause.SourceIp);
        Add(fields, "DriftWatch/Cause/UserAgent", n.Cause.UserAgent);
        Add(fields, "DriftWatch/Cause/ErrorCode", n.Cause.ErrorCode);
        for (var i = 0; i < n.Remediation.Count && fields.Count < FieldsMax; i++)
        {
            Add(fields, $"DriftWatch/Remediation/{i + 1}", n.Remediation[i]);
        }

        return fields;
    }

    private static void Add(Dictionary<string, string> fields, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[key] = Bounded.Cut(InertText.Of(value, FieldValueMax), FieldValueMax);
        }
    }
}
