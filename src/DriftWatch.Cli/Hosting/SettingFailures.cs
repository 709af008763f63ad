using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Turns failed start-up validation (ValidateDataAnnotations' or an [OptionsValidator]'s) into one line per bad
/// setting, "DriftWatch:Section:Key: what is wrong", named by the configuration key the operator has to change. Values
/// are never echoed: they may be secrets.
/// </summary>
internal static partial class SettingFailures
{
    /// <summary>The failures of a validation or binding exception, or of every one an aggregate holds; none for a fault.</summary>
    public static IReadOnlyList<string> Of(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Of).ToList(),
        OptionsValidationException validation => validation.Failures.Select(f => Describe(validation.OptionsType, f)).ToList(),
        _ when Binding(exception) is { } binding => [binding],
        _ => [],
    };

    private static string Describe(Type optionsType, string failure)
    {
        var section = SettingsSection.Of(optionsType) ?? optionsType.Name;
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            match = GeneratedValidatorFailure().Match(failure);
            if (!match.Success || !NamesMembersOf(optionsType, match.Groups["members"].Value))
            {
                return Keyed(section, section, failure);
            }
        }

        // An [OptionsValidator] names a member "Type.Member" where ValidateDataAnnotations says "Member": said the same way.
        var error = match.Groups["error"].Value.Replace(optionsType.Name + ".", "", StringComparison.Ordinal);
        var members = match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return members.Length == 1
            ? Keyed($"{section}:{members[0]}", members[0], error)
            : $"{string.Join(", ", members.Select(m => $"{section}:{m}"))}: {error}";
    }

    // "Member: message" is an [OptionsValidator]'s failure only when the members are the options type's own properties
    // (a nested one as Parent:Child); any other text with a colon in it is a custom validator's message, said whole.
    private static bool NamesMembersOf(Type optionsType, string members) =>
        members.Split(',', StringSplitOptions.TrimEntries).All(m => optionsType.GetProperty(m.Split(':', '.')[0]) is not null);

    // "key: message", once: a message that already starts with the key or the member's name does not say it twice.
    private static string Keyed(string key, string member, string message)
    {
        var rest = message.StartsWith(key, StringComparison.Ordinal) ? message[key.Length..]
            : message.StartsWith(member + " ", StringComparison.Ordinal) ? message[member.Length..]
            : message;
        return $"{key}: {rest.TrimStart(':', ' ')}";
    }

    // The binder's message names the key and the type; the value is left out on purpose.
    private static string? Binding(Exception exception) =>
        exception is InvalidOperationException && BindingFailure().Match(exception.Message) is { Success: true } match
            ? $"{match.Groups["key"].Value}: not a valid {match.Groups["type"].Value.Split('.')[^1]}"
            : null;

    [GeneratedRegex(@"members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    // What the [OptionsValidator] source generator reports: "Member[, Member]: message".
    [GeneratedRegex(@"^(?<members>[\w:.]+(, [\w:.]+)*): (?<error>.*)$", RegexOptions.Singleline)]
    private static partial Regex GeneratedValidatorFailure();

    [GeneratedRegex(@"^Failed to convert configuration value .*?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();
}
