using System.Reflection;

namespace DriftWatch.Cli.Report;

/// <summary>Which DriftWatch made a report: evidence says what produced it.</summary>
internal static class ProductVersion
{
    /// <summary>The CLI's informational version (with the commit when the build stamps one).</summary>
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
