using System.Text.Json.Nodes;
using DriftWatch.Records;
using DriftWatch.Sinks.PagerDuty;
using DriftWatch.Sinks.Soc;
using DriftWatch.Worker.Tests.Sinks.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>Notices as PagerDuty Events API v2 alert events.</summary>
public sealed class PagerDutyEventTests
{
    private const string Key = "0123456789abcdef0123456789ABCDEF";

    [Fact]
    public void TheOpenTriggersAndTheResolveResolvesTheSameAlert()
    {
        var opened = PagerDutyEvent.For(SocNotice.Of(Notices.Opened("111122223333", "111122223333-00000002")), Key);
        var resolved = PagerDutyEvent.For(SocNotice.Of(Notices.Resolved("111122223333", "111122223333-00000002")), Key);

        Assert.Empty(PagerDutyContract.Problems(opened));
        Assert.Empty(PagerDutyContract.Problems(resolved));
        Assert.Equal(("trigger", "resolve"), ((string?)opened["event_action"], (string?)resolved["event_action"]));
        Assert.Equal("111122223333-00000002", (string?)opened["dedup_key"]);
        Assert.Equal((string?)opened["dedup_key"], (string?)resolved["dedup_key"]);
        Assert.Equal(Key, (string?)resolved["routing_key"]);
    }

    [Theory]
    [InlineData("opened", "critical")]
    [InlineData("blind", "error")]
    [InlineData("denied", "info")]
    public void ADroppedControlIsCriticalABlindMonitorAnErrorADeniedAttemptInfo(string which, string severity)
    {
        var notice = which switch
        {
            "opened" => Notices.Opened("111122223333", "111122223333-00000002"),
            "blind" => Notices.Blind("111122223333"),
            _ => Notices.Denied("111122223333"),
        };

        var body = PagerDutyEvent.For(SocNotice.Of(notice), Key);

        Assert.Empty(PagerDutyContract.Problems(body));
        Assert.Equal(("trigger", severity), ((string?)body["event_action"], (string?)body["payload"]!["severity"]));
        Assert.Equal(notice.IncidentId, (string?)body["dedup_key"]);
    }

    [Fact]
    public void TheSummarySaysWhatHappenedByWhomFromWhereWithinPagerDutysLimit()
    {
        var notice = Notices.Opened("111122223333", "111122223333-00000002") with
        {
            Cause = Notices.Opened("111122223333", "x").Cause with { Actor = new string('a', 5000) + "\u001b[2J" },
        };

        var summary = (string)PagerDutyEvent.For(SocNotice.Of(notice), Key)["payload"]!["summary"]!;

        Assert.InRange(summary.Length, 1, PagerDutyEvent.SummaryMax);
        Assert.StartsWith("DriftWatch: CloudTrail coverage incident opened in account 111122223333 (StopLogging in eu-west-1 by aaa", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(summary, char.IsControl);
    }

    [Fact]
    public void CustomDetailsCarryTheWebhookBody()
    {
        var notice = Notices.Opened("111122223333", "111122223333-00000002");

        var details = PagerDutyEvent.For(SocNotice.Of(notice), Key)["payload"]!["custom_details"];

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(StoredJson.Write(notice)), details));
    }
}
