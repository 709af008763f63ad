using System.Text.Json.Nodes;
using DriftWatch.Records;
using DriftWatch.Sinks.Soc;
using DriftWatch.Worker.Tests.Sinks.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>The one table every SOC sink reads a notice type from, and what happens to a type it does not list.</summary>
public sealed class NoticeTypeProfileTests
{
    [Theory]
    [InlineData("incident.opened", "DriftWatch Incident Opened")]
    [InlineData("incident.resolved", "DriftWatch Incident Resolved")]
    [InlineData("monitoring.blind", "DriftWatch Monitoring Blind")]
    [InlineData("attempt.denied", "DriftWatch Attempt Denied")]
    public void EachTypeHasTheEventBridgeDetailTypeTheIssueNames(string type, string detailType) =>
        Assert.Equal(detailType, NoticeTypeProfile.For(type).DetailType);

    [Fact]
    public void AnUnlistedTypeIsDeliveredAsAOneOffEventNamedAfterIt()
    {
        var profile = NoticeTypeProfile.For("integrity.retention_shortened");

        Assert.Equal(("integrity retention shortened", NoticeEffect.Informs), (profile.Headline, profile.Effect));
        Assert.Equal("DriftWatch Integrity Retention Shortened", profile.DetailType);
    }

    [Fact]
    public void TheKindIsTheBodysWhenTheNoticeCarriesOneElseTheTypesDefault()
    {
        var notice = Notices.Opened("111122223333", "111122223333-00000002");
        var blind = Notices.Blind("111122223333");
        // A notice stored before kinds existed has no kind in its body: its type says which it is.
        var storedBeforeKinds = JsonNode.Parse(StoredJson.Write(blind))!.AsObject();
        storedBeforeKinds.Remove("kind");

        Assert.Equal("coverage", SocNotice.Of(notice).Kind);
        Assert.Equal("integrity", SocNotice.Of(notice with { Kind = "integrity" }).Kind);
        Assert.Equal("monitoring", SocNotice.Of(blind).Kind);
        Assert.Equal("monitoring", SocNotice.Of(blind with { Kind = "coverage" }, storedBeforeKinds.ToJsonString()).Kind);
        Assert.Equal("DriftWatch retention", IncidentKindProfile.For("retention").Subject);
    }
}
