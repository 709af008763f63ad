using System.Text.RegularExpressions;
using DriftWatch.Aws;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Turns failed start-up validation (ValidateDataAnnotations' or an [OptionsValidator]'s) into one line per bad
/// setting, "DriftWatch:Section:Key: what is wrong", named by the configuration key the operator has to change. Values
/// are never echoed: they may be secrets.
/// </summary>
internal static partial class SettingFailures
{
    /// <summary>
    /// The failures of a validation or binding exception, or of every one an aggregate holds; none for a fault.
    /// <paramref name="checks"/> say each settings class's section; a class without one is named by its type.
    /// </summary>
    public static IReadOnlyList<string> Of(Exception exception, IReadOnlyCollection<SettingsCheck> checks) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(inner => Of(inner, checks)).ToList(),
        OptionsValidationException validation =>
            validation.Failures.Select(f => Describe(validation.OptionsType, checks.FirstOrDefault(c => c.OptionsType == validation.OptionsType), f)).ToList(),
        _ when Binding(exception) is { } binding => [binding],
        _ => [],
    };

    private static string Describe(Type optionsType, SettingsCheck? check, string failure)
    {
        var section = check?.Section ?? optionsType.Name;
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            match = GeneratedValidatorFailure().Match(failure);
            if (!match.Success || !NamesItsMembers(match.Groups["members"].Value, match.Groups["error"].Value))
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

    // "Member: message" is an [OptionsValidator]'s failure when its message names the member again ("The field
    // Type.Member must…", "Member must…", a nested one as Parent:Child); any other text with a colon in it is a custom
    // validator's message, said whole after the section. Decided from the text alone: asking the options type for its
    // properties would keep their validation attributes in the Native AOT binary, and those are not trim-safe.
    private static bool NamesItsMembers(string members, string error) =>
        error.Contains(members.Split(',', StringSplitOptions.TrimEntries)[0], StringComparison.Ordinal);

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
