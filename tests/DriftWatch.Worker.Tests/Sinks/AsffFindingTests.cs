using DriftWatch.Aws.SecurityHub;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks.SecurityHub;
using DriftWatch.Sinks.Soc;
using DriftWatch.Worker.Tests.Sinks.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>Notices as ASFF findings: one standing finding per account and kind, in Security Hub's own terms and limits.</summary>
public sealed class AsffFindingTests
{
    private const string Importer = "999988887777";
    private const string Account = "111122223333";
    private static readonly DateTimeOffset Now = Notices.DetectedAt.AddMinutes(10);
    private static readonly string[] Namespaces = ["Software and Configuration Checks/", "TTPs/", "Effects/", "Unusual Behaviors/", "Sensitive Data Identifications/"];

    [Fact]
    public void TheOpenAndTheResolveUpdateOneFindingPerAccountAndKind()
    {
        var open = SocNotice.Of(Notices.Opened(Account, $"{Account}-00000002"));
        var reopened = SocNotice.Of(Notices.Opened(Account, $"{Account}-00000009"));
        var resolve = SocNotice.Of(Notices.Resolved(Account, $"{Account}-00000002"));

        Assert.Equal($"driftwatch/{Account}/coverage", AsffFinding.IdFor(open));
        Assert.Equal(AsffFinding.IdFor(open), AsffFinding.IdFor(resolve));
        Assert.Equal(AsffFinding.IdFor(open), AsffFinding.IdFor(reopened));
        Assert.Equal($"driftwatch/{Account}/monitoring", AsffFinding.IdFor(SocNotice.Of(Notices.Blind(Account))));
        Assert.Equal($"driftwatch/{Account}/attempt.denied/denied-{Account}-5e0b1c9e", AsffFinding.IdFor(SocNotice.Of(Notices.Denied(Account))));
    }

    [Fact]
    public void AnOpenFailsTheControlAtHighSeverityAndTheResolvePassesItAsResolved()
    {
        var open = Finding(Notices.Opened(Account, $"{Account}-00000002"));
        var resolve = Finding(Notices.Resolved(Account, $"{Account}-00000002"));

        Assert.Equal(("FAILED", "HIGH", "NEW", "ACTIVE"), (open.Compliance?.Status, open.Severity?.Label, open.Workflow?.Status, open.RecordState));
        Assert.Equal(("PASSED", "HIGH", "RESOLVED"), (resolve.Compliance?.Status, resolve.Severity?.Label, resolve.Workflow?.Status));
        Assert.Equal(open.Severity, open.FindingProviderFields?.Severity);
        Assert.Equal(["ISO/IEC 27001:2022 A.8.15", "CIS AWS Foundations Benchmark 3.1", "AWS Security Hub CloudTrail.1"], open.Compliance!.RelatedRequirements!);
    }

    [Fact]
    public void TheFindingIsImportedIntoTheWorkersDefaultProductAndNamesTheControl()
    {
        var finding = Finding(Notices.Opened(Account, $"{Account}-00000002"));

        Assert.Equal($"arn:aws:securityhub:us-east-1:{Importer}:product/{Importer}/default", finding.ProductArn);
        Assert.Equal(Importer, finding.AwsAccountId);
        Assert.Equal(SecurityFinding.Schema, finding.SchemaVersion);
        Assert.Equal("driftwatch/cloudtrail-multi-region-management-events", finding.GeneratorId);
        Assert.Equal("arn:aws-cn:securityhub:cn-north-1:1:product/1/default", AsffFinding.ProductArn("cn-north-1", "1"));
    }

    [Fact]
    public void TypesMapTheControlToIso27001Cis31AndCloudTrail1InValidNamespaces()
    {
        var finding = Finding(Notices.Opened(Account, $"{Account}-00000002"));

        Assert.All(finding.Types!, t => Assert.Contains(Namespaces, n => t.StartsWith(n, StringComparison.Ordinal)));
        Assert.All(finding.Types!, t => Assert.Equal(3, t.Split('/').Length));
        Assert.Contains(finding.Types!, t => t.EndsWith("ISO 27001 A.8.15 Logging", StringComparison.Ordinal));
        Assert.Contains(finding.Types!, t => t.EndsWith("CIS AWS Foundations Benchmark 3.1", StringComparison.Ordinal));
        Assert.Contains(finding.Types!, t => t.EndsWith("CloudTrail.1", StringComparison.Ordinal));
        var denied = Finding(Notices.Denied(Account));
        Assert.All(denied.Types!, t => Assert.StartsWith("TTPs/Defense Evasion/", t, StringComparison.Ordinal));
        Assert.Null(denied.Compliance);
        Assert.Equal("INFORMATIONAL", denied.Severity?.Label);
    }

    [Fact]
    public void ResourcesAreTheAccountAndItsTrails()
    {
        var finding = Finding(Notices.Opened(Account, $"{Account}-00000002"));

        Assert.Equal(
            [("AwsAccount", $"AWS::::Account:{Account}", null), ("AwsCloudTrailTrail", $"arn:aws:cloudtrail:eu-west-1:{Account}:trail/org-audit", "eu-west-1")],
            finding.Resources.Select(r => (r.Type, r.Id, r.Region)));
    }

    [Fact]
    public void CreatedAtStaysFromTheFirstOpenAndUpdatedAtIsNow()
    {
        var first = Finding(Notices.Opened(Account, $"{Account}-00000002"));

        var resolve = AsffFinding.For(SocNotice.Of(Notices.Resolved(Account, $"{Account}-00000002")), Importer, "us-east-1", Now.AddMinutes(1), first);

        Assert.Equal("2025-03-04T05:06:07.890Z", first.CreatedAt);
        Assert.Equal(first.CreatedAt, resolve.CreatedAt);
        Assert.Equal(first.FirstObservedAt, resolve.FirstObservedAt);
        Assert.Equal(AsffFinding.Timestamp(Now.AddMinutes(1)), resolve.UpdatedAt);
        Assert.Equal(AsffFinding.Timestamp(Notices.DetectedAt.AddMinutes(5)), resolve.LastObservedAt);
    }

    [Fact]
    public void EveryTextFitsAsffLimitsAndTheFullFixStaysInProductFields()
    {
        var commands = Enumerable.Range(1, 60).Select(i => $"aws cloudtrail put-event-selectors --trail-name trail-{i} --event-selectors '[{{\"ReadWriteType\":\"All\"}}]'").ToList();
        var trails = Enumerable.Range(1, 40).Select(i => Notices.Opened(Account, "x").Trails[0] with { Name = $"t{i}", Arn = $"arn:aws:cloudtrail:eu-west-1:{Account}:trail/t{i}" }).ToList();
        var notice = Notices.Opened(Account, $"{Account}-00000002") with
        {
            Remediation = commands,
            Trails = trails,
            Reasons = Enumerable.Range(1, 50).Select(i => $"Trail t{i} does not record read events").ToList(),
        };

        var finding = Finding(notice);

        Assert.InRange(finding.Title.Length, 1, 256);
        Assert.InRange(finding.Description.Length, 1, 1024);
        Assert.InRange(finding.Remediation!.Recommendation.Text.Length, 1, 512);
        Assert.StartsWith(commands[0], finding.Remediation.Recommendation.Text, StringComparison.Ordinal);
        Assert.InRange(finding.ProductFields!.Count, 1, 50);
        Assert.All(finding.ProductFields, f => Assert.True(f.Key.Length <= 128 && f.Value.Length <= 2048));
        Assert.Equal(commands[0], finding.ProductFields["DriftWatch/Remediation/1"]);
        Assert.Equal(32, finding.Resources.Count);
    }

    [Fact]
    public void ARedeliveryOlderThanWhatSecurityHubShowsIsRecognised()
    {
        var open = SocNotice.Of(Notices.Opened(Account, $"{Account}-00000002"));
        var resolved = Finding(Notices.Resolved(Account, $"{Account}-00000002"));

        Assert.True(AsffFinding.IsNewerThan(resolved, open));
        Assert.False(AsffFinding.IsNewerThan(Finding(open.Notice), open));
        Assert.False(AsffFinding.IsNewerThan(null, open));
    }

    [Fact]
    public void AnIntegrityIncidentIsAFindingOfItsKindBesideTheCoverageOne()
    {
        var notice = Notices.Opened(Account, $"integrity-{Account}-00000003") with { Kind = IncidentKind.Integrity };

        var finding = AsffFinding.For(SocNotice.Of(notice), Importer, "us-east-1", Now, null);

        Assert.Equal($"driftwatch/{Account}/integrity", finding.Id);
        Assert.Equal(("driftwatch/cloudtrail-log-integrity", "MEDIUM", "FAILED"), (finding.GeneratorId, finding.Severity?.Label, finding.Compliance?.Status));
    }

    [Fact]
    public void AnUnknownTypeIsStillAFindingOfItsOwn()
    {
        var notice = Notices.Denied(Account) with { Type = "heartbeat.missed", IncidentId = "hb-1" };

        var finding = Finding(notice);

        Assert.Equal($"driftwatch/{Account}/heartbeat.missed/hb-1", finding.Id);
        Assert.StartsWith("DriftWatch heartbeat missed: StopLogging", finding.Title, StringComparison.Ordinal);
        Assert.Null(finding.Compliance);
    }

    private static SecurityFinding Finding(IncidentNotice notice) => AsffFinding.For(SocNotice.Of(notice), Importer, "us-east-1", Now, null);
}
