using DriftWatch.Core.Text;

namespace DriftWatch.Cli;

/// <summary>
/// Messages for the person at the terminal, on stderr so that stdout stays a clean document. Text is cleaned of
/// control characters (InertText) because it can carry attacker-influenced names.
/// </summary>
internal static class StdErr
{
    /// <summary>Writes "driftwatch: error: …".</summary>
    public static void Error(string message) => Line($"driftwatch: error: {message}");

    /// <summary>Writes "driftwatch: warning: …".</summary>
    public static void Warning(string message) => Line($"driftwatch: warning: {message}");

    /// <summary>Writes the message, each of its lines made inert; no length cap, a message is ours to shorten.</summary>
    public static void Line(string message) =>
        Console.Error.WriteLine(string.Join('\n', message.Split('\n').Select(line => InertText.Of(line.TrimEnd('\r'), int.MaxValue))));
}
