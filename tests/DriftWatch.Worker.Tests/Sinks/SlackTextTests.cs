using DriftWatch.Sinks.Slack;
using DriftWatch.Worker.Tests.Sinks.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>Attacker-controlled text in Slack: no mention, no link, no escape from a code span, no control character.</summary>
public sealed class SlackTextTests
{
    [Theory]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<!here|here>", "&lt;!here|here&gt;")]
    [InlineData("<@U123ABC>", "&lt;@U123ABC&gt;")]
    [InlineData("<#C999>", "&lt;#C999&gt;")]
    [InlineData("<https://evil.example|click>", "&lt;https://evil.example|click&gt;")]
    [InlineData("Tom & Jerry", "Tom &amp; Jerry")]
    [InlineData("&lt;!channel&gt;", "&amp;lt;!channel&amp;gt;")]
    public void MentionsAndLinksBecomeTheirLiteralText(string hostile, string escaped) =>
        Assert.Equal(escaped, SlackText.Escape(hostile));

    [Fact]
    public void AHostileUserAgentCanNeitherPingNorLinkNorBreakTheLine()
    {
        var escaped = SlackText.Escape(Notices.HostileUserAgent);

        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('>', escaped);
        Assert.DoesNotContain('`', escaped);
        Assert.DoesNotContain(escaped, char.IsControl);
        Assert.DoesNotContain('\u202e', escaped);
        Assert.Contains("&lt;!channel&gt;", escaped, StringComparison.Ordinal);
        Assert.Contains(@"\u001b[31m", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void TextInACodeSpanCannotCloseIt()
    {
        var code = SlackText.Code("x` <!channel> `y");

        Assert.Equal(2, code.Count(c => c == '`'));
        Assert.StartsWith("`", code, StringComparison.Ordinal);
        Assert.EndsWith("`", code, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTextIsShownAsADash() => Assert.Equal("—", SlackText.Code(null));
}
