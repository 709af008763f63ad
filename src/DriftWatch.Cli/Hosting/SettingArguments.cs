namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Settings given on `watch`'s command line, as --DriftWatch:Sweep:Interval=00:01:00 (the configuration key, as in
/// appsettings.json). Anything else is refused, so that a mistyped flag is an error rather than a silent new key.
/// </summary>
internal static class SettingArguments
{
    /// <summary>The tokens as configuration command-line arguments, or the problems found in them.</summary>
    public static (string[] Arguments, IReadOnlyList<string> Problems) Read(IReadOnlyList<string> tokens)
    {
        var problems = tokens
            .Where(t => !IsSetting(t))
            .Select(t => $"unrecognized argument '{t}': settings are given as --Section:Key=value, e.g. --DriftWatch:Sweep:Interval=00:01:00")
            .ToList();
        return (problems.Count == 0 ? tokens.ToArray() : [], problems);
    }

    private static bool IsSetting(string token)
    {
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        return token.StartsWith("--", StringComparison.Ordinal) && equals > 2 && token.AsSpan(2, equals - 2).Contains(':');
    }
}
