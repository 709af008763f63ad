namespace DriftWatch.Testing;

/// <summary>A program and its arguments, as <see cref="ChildProcess"/> starts it.</summary>
/// <param name="FileName">The executable: a path, or a name looked up on PATH.</param>
/// <param name="Arguments">Its arguments, each passed as one argument (no shell quoting).</param>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// This program again with other arguments (a worker mode of the bench or the campaign): its apphost, or
    /// `dotnet its.dll` when it was itself started through dotnet.
    /// </summary>
    public static ChildCommand ThisProgram(params string[] arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("this process has no path");
        var assembly = System.Reflection.Assembly.GetEntryAssembly()?.Location
            ?? throw new InvalidOperationException("this process has no entry assembly");
        return Path.GetFileNameWithoutExtension(self) == "dotnet" ? new(self, [assembly, .. arguments]) : new(self, arguments);
    }

    /// <summary>The command line, for messages.</summary>
    public override string ToString() => string.Join(' ', Arguments.Prepend(Path.GetFileName(FileName)));
}
