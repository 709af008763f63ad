using DriftWatch.Cli.Output;
using DriftWatch.Cli.Tests.Support;
using Spectre.Console;

namespace DriftWatch.Cli.Tests.Output;

/// <summary>The text verdict, rendered even on a colour terminal, never lets a trail name drive the terminal.</summary>
public sealed class TextVerdictRendererTests
{
    [Fact]
    public void RendersAHostileTrailNameInertOnAColourTerminal()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 300;

        TextVerdictRenderer.Render(console, Verdicts.FailingWithTrail("trail\u001b]0;pwned\u0007[bold]x[/]"));

        var text = output.ToString();
        Assert.DoesNotContain("\u001b]0;pwned", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("trail\\u001b]0;pwned\\u0007[bold]x[/]", text, StringComparison.Ordinal);
        Assert.Contains("FAIL", text, StringComparison.Ordinal);
    }
}
