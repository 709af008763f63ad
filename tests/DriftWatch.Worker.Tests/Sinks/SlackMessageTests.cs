using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks.Slack;
using DriftWatch.Sinks.Soc;
using DriftWatch.Worker.Tests.Sinks.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>The Block Kit message: what Slack requires, what the SOC needs to read, nothing an attacker can use.</summary>
public sealed class SlackMessageTests
{
    public static TheoryData<string> Kinds => new("opened", "resolved", "blind", "denied");

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryNoticeIsAMessageSlackAccepts(string which)
    {
        var message = SlackMessage.For(SocNotice.Of(Notice(which)));

        Assert.Empty(SlackContract.Problems(message));
    }

    [Fact]
    public void TheMessageSaysWhatHappenedWhoFromWhereWhichTrailsAndTheFix()
    {
        var notice = Notices.Opened("111122223333", "111122223333-00000002");

        var texts = string.Join("\n", SlackContract.Texts(SlackMessage.For(SocNotice.Of(notice))));

        Assert.Contains("CloudTrail coverage incident opened in account 111122223333", texts, StringComparison.Ordinal);
        Assert.Contains("`StopLogging` in `eu-west-1`", texts, StringComparison.Ordinal);
        Assert.Contains("`arn:aws:iam::111122223333:user/mallory`", texts, StringComparison.Ordinal);
        Assert.Contains("`203.0.113.7` with `aws-cli/2.15.0`", texts, StringComparison.Ordinal);
        Assert.Contains("`org-audit` (home `eu-west-1`) does not cover", texts, StringComparison.Ordinal);
        Assert.Contains("Trail org-audit is not logging", texts, StringComparison.Ordinal);
        Assert.Contains("```aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-audit --region eu-west-1```", texts, StringComparison.Ordinal);
        Assert.Contains("incident.opened/111122223333-00000002", texts, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTextOfAHostileNoticeCanPingLinkOrForgeALine()
    {
        var notice = Notices.Opened("111122223333", "111122223333-00000002", Notices.HostileUserAgent) with
        {
            Cause = Notices.Opened("111122223333", "x").Cause with
            {
                UserAgent = Notices.HostileUserAgent,
                Actor = "arn:aws:iam::111122223333:user/<!everyone>",
            },
            Reasons = ["Trail <https://evil.example|org-audit> is not logging"],
        };

        var message = SlackMessage.For(SocNotice.Of(notice));

        Assert.Empty(SlackContract.Problems(message));
        foreach (var text in SlackContract.Texts(message))
        {
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
            Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        }

        Assert.Contains(SlackContract.Texts(message), t => t.Contains("&lt;!channel&gt;", StringComparison.Ordinal));
    }

    private static IncidentNotice Notice(string which) => which switch
    {
        "opened" => Notices.Opened("111122223333", "111122223333-00000002", Notices.HostileUserAgent),
        "resolved" => Notices.Resolved("111122223333", "111122223333-00000002"),
        "blind" => Notices.Blind("111122223333"),
        _ => Notices.Denied("111122223333"),
    };
}
