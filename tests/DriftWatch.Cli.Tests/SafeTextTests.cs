namespace DriftWatch.Cli.Tests;

/// <summary>Untrusted text made inert (DriftWatch.Core's InertText) and escaped for Spectre markup.</summary>
public sealed class SafeTextTests
{
    [Theory]
    [InlineData("evil\u001b[2Jname", "evil\\u001b[[2Jname")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("right\u202eleft", "right\\u202eleft")]
    [InlineData("line\nbreak\ttab", "line\\u000abreak\\u0009tab")]
    [InlineData("plain-trail_1.name", "plain-trail_1.name")]
    public void MarkupShowsControlAndInvisibleFormattingCharactersAsEscapes(string input, string expected) =>
        Assert.Equal(expected, SafeText.Markup(input));

    [Fact]
    public void MarkupKeepsSpectreTagsInANameLiteral() =>
        Assert.Equal("[[red]]x[[/]]", SafeText.Markup("[red]x[/]"));
}
