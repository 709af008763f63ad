namespace DriftWatch.Cli.Tests.Support;

/// <summary>A file with the given text that is deleted when the test ends.</summary>
public sealed class TempFile : IDisposable
{
    /// <summary>Writes the text to a new file whose name ends with <paramref name="name"/>.</summary>
    public TempFile(string text, string name = "exceptions.ini")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"driftwatch-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(Path, text);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
