using System.Collections;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// The environment the worker starts with: this process's own, plus the runtime settings the worker needs that no
/// runtimeconfig.json property can carry. A setting the operator gave, under either of the runtime's prefixes, wins.
/// </summary>
internal static class WorkerEnvironment
{
    /// <summary>
    /// GCgen0size, the GC's young-generation budget: 8 MB (the runtime reads it as hex). Left to itself, workstation GC
    /// sizes that budget from the CPU's last-level cache, so on a host reporting 260 MB of L3 the worker committed
    /// ~100 MB of young generation before its first collection, for 11 MB of live objects at 1,000 accounts
    /// (bench/README.md, "Organization scale at 10,000 events"). The runtime reads this knob from the environment only.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GCgen0size"] = "0x800000",
    };

    /// <summary>The variables to start the worker with, as NAME=VALUE: <paramref name="current"/> and the settings it lacks.</summary>
    public static IReadOnlyList<string> For(IDictionary current) =>
        Variables(current).Concat(Missing(current)).Select(v => $"{v.Key}={v.Value}").ToList();

    /// <summary>The DOTNET_ variables to add to <paramref name="current"/>: none the operator set as DOTNET_ or COMPlus_.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Missing(IDictionary current)
    {
        var names = Variables(current).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        return RuntimeSettings
            .Where(s => !names.Contains($"DOTNET_{s.Key}") && !names.Contains($"COMPlus_{s.Key}"))
            .Select(s => KeyValuePair.Create($"DOTNET_{s.Key}", s.Value))
            .ToList();
    }

    private static IEnumerable<KeyValuePair<string, string>> Variables(IDictionary current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Cast<DictionaryEntry>().Select(e => KeyValuePair.Create((string)e.Key, e.Value as string ?? string.Empty));
    }
}
