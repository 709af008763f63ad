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
    public void ADroppedControlIsCriticalABlindMonitorAnError(string which, string severity)
    {
        var notice = which == "opened" ? Notices.Opened("111122223333", "111122223333-00000002") : Notices.Blind("111122223333");

        var body = PagerDutyEvent.For(SocNotice.Of(notice), Key);

        Assert.Empty(PagerDutyContract.Problems(body));
        Assert.Equal(("trigger", severity), ((string?)body["event_action"], (string?)body["payload"]!["severity"]));
        Assert.Equal(notice.IncidentId, (string?)body["dedup_key"]);
    }

    [Fact]
    public void ADeniedAttemptIsAChangeEventThatPagesNobodyAndNeedsNoResolve()
    {
        var notice = Notices.Denied("111122223333");
        var soc = SocNotice.Of(notice);

        var change = PagerDutyEvent.ChangeFor(soc, Key);

        Assert.True(PagerDutyEvent.IsChange(soc));
        Assert.False(PagerDutyEvent.IsChange(SocNotice.Of(Notices.Opened("111122223333", "111122223333-00000002"))));
        Assert.Empty(PagerDutyContract.ChangeProblems(change));
        Assert.Null(change["event_action"]);
        Assert.Null(change["dedup_key"]);
        var summary = (string)change["payload"]!["summary"]!;
        Assert.Contains("attempt denied", summary, StringComparison.Ordinal);
        Assert.Contains("StopLogging in eu-west-1 by arn:aws:iam::111122223333:user/mallory from 203.0.113.7, refused with AccessDenied", summary, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(StoredJson.Write(notice)), change["payload"]!["custom_details"]));
    }

    [Theory]
    [InlineData("https://events.pagerduty.com/v2/enqueue", "https://events.pagerduty.com/v2/change/enqueue")]
    [InlineData("https://events.eu.pagerduty.com/v2/enqueue/", "https://events.eu.pagerduty.com/v2/change/enqueue/")]
    [InlineData("https://proxy.example/pagerduty", "https://proxy.example/pagerduty/change/enqueue")]
    public void TheChangeEndpointIsTheEnqueueEndpointsSibling(string enqueue, string change)
    {
        Assert.Equal(new Uri(change), PagerDutyOptions.ChangeEndpointOf(new Uri(enqueue)));
        Assert.Equal(new Uri("https://other.example/c"), new PagerDutyOptions { Url = new Uri(enqueue), ChangeUrl = new Uri("https://other.example/c") }.ChangeEndpoint());
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
