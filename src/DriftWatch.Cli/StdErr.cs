namespace DriftWatch.Cli;

/// <summary>
/// Messages for the person at the terminal, on stderr so that stdout stays a clean document. Text is cleaned of
/// control characters because it can carry attacker-influenced names.
/// </summary>
internal static class StdErr
{
    /// <summary>Writes "driftwatch: error: …".</summary>
    public static void Error(string message) => Line($"driftwatch: error: {message}");

    /// <summary>Writes "driftwatch: warning: …".</summary>
    public static void Warning(string message) => Line($"driftwatch: warning: {message}");

    /// <summary>Writes the message, each of its lines cleaned.</summary>
    public static void Line(string message) =>
        Console.Error.WriteLine(string.Join('\n', message.Split('\n').Select(line => SafeText.Clean(line.TrimEnd('\r')))));
}
