namespace DriftWatch.Cli.Tests;

/// <summary>Untrusted text made inert for a terminal.</summary>
public sealed class SafeTextTests
{
    [Theory]
    [InlineData("evil\u001b[2Jname", "evil?[2Jname")]
    [InlineData("bell\u0007", "bell?")]
    [InlineData("right\u202eleft", "right?left")]
    [InlineData("line\nbreak\ttab", "line break tab")]
    [InlineData("plain-trail_1.name", "plain-trail_1.name")]
    public void CleanReplacesControlAndInvisibleFormattingCharacters(string input, string expected) =>
        Assert.Equal(expected, SafeText.Clean(input));

    [Fact]
    public void MarkupKeepsSpectreTagsInANameLiteral() =>
        Assert.Equal("[[red]]x[[/]]", SafeText.Markup("[red]x[/]"));
}
