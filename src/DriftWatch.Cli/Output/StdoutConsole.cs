using Spectre.Console;

namespace DriftWatch.Cli.Output;

/// <summary>
/// The Spectre console for stdout. Colour and escape codes only on a terminal: redirected output (a file, a pipe, a
/// CI log) gets plain text, wide enough that tables do not wrap.
/// </summary>
internal static class StdoutConsole
{
    private const int RedirectedWidth = 200;

    /// <summary>Creates the console for the current stdout.</summary>
    public static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
