using DriftWatch.Cli.Output;
using DriftWatch.Cli.Tests.Support;
using Spectre.Console;

namespace DriftWatch.Cli.Tests.Output;

/// <summary>The history table and the incidents list, on a colour terminal, never let an actor or user agent drive it.</summary>
public sealed class RecordsTextTests
{
    private const string Actor = "arn:aws:iam::123456789012:user/\u001b[31mmallory[bold]";
    private const string Agent = "evil\u001b]0;pwned\u0007-agent";

    [Fact]
    public void HistoryShowsHostileFieldsAsVisibleEscapes()
    {
        var (_, decision, _) = SampleRecords.FirstFailure(SampleRecords.StopLogging(Actor, Agent), trailName: "trail\u202e");
        var text = Render(console => HistoryTable.Render(console, [decision.Transition!]));

        AssertInert(text);
        Assert.Contains("StopLogging", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidentsShowHostileFieldsAsVisibleEscapes()
    {
        var (_, _, incident) = SampleRecords.FirstFailure(SampleRecords.StopLogging(Actor, Agent), trailName: "trail\u202e");
        var text = Render(console => IncidentsText.Render(console, [incident], openOnly: true));

        AssertInert(text);
        Assert.Contains("aws cloudtrail start-logging --name trail\\u202e --region eu-west-1", text, StringComparison.Ordinal);
    }

    private static void AssertInert(string text)
    {
        Assert.DoesNotContain("\u001b[31mmallory", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b]0;pwned", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains("\\u001b[31mmallory[bold]", text, StringComparison.Ordinal);
        Assert.Contains("evil\\u001b]0;pwned\\u0007-agent", text, StringComparison.Ordinal);
    }

    private static string Render(Action<IAnsiConsole> render)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        render(console);
        return output.ToString();
    }
}
