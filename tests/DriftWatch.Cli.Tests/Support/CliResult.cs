using System.Text.Json;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>What a finished driftwatch process left behind.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the one JSON document it must be; fails the test with both streams when it is not.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"stdout is not one JSON document ({exception.Message}).\n{this}", exception);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
