namespace DriftWatch.Core.Waivers;

/// <summary>A line of an exceptions file that could not be read, and why.</summary>
public sealed record WaiverFileProblem(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
