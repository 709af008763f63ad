using System.Reflection;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The configuration section an options type binds from, as the type itself says: its public constant
/// <c>Section</c> (every DriftWatch options class has one, and its registration binds from it). Asking the type,
/// rather than a list kept here, means a new options class cannot be forgotten.
/// </summary>
internal static class SettingsSection
{
    /// <summary>The name of the constant every options class declares.</summary>
    public const string ConstantName = "Section";

    /// <summary>The section, or null for a type that declares none.</summary>
    public static string? Of(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        return optionsType.GetField(ConstantName, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;
    }
}
