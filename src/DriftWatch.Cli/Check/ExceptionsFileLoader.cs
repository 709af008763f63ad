using DriftWatch.Core.Waivers;

namespace DriftWatch.Cli.Check;

/// <summary>
/// Reads the exceptions file named on the command line or in configuration. Every problem names the file and line
/// so that the owner can fix it without guessing.
/// </summary>
internal static class ExceptionsFileLoader
{
    /// <summary>The parsed file (None when no path is given) and its problems as messages; any problem is an input error.</summary>
    public static async Task<ExceptionsFileLoad> LoadAsync(string? path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return new ExceptionsFileLoad(WaiverFile.None, []);
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var why = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read: {exception.Message}";
            return new ExceptionsFileLoad(WaiverFile.None, [$"exceptions file {path} {why}"]);
        }

        var file = WaiverFile.Parse(text);
        return new ExceptionsFileLoad(file, file.Problems.Select(p => $"exceptions file {path} line {p.Line}: {p.Message}").ToList());
    }
}
