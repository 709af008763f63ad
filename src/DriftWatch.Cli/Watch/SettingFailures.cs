using System.Text.RegularExpressions;
using DriftWatch.Aws;
using DriftWatch.Worker.Health;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Shutdown;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// Turns a failed start-up validation into one line per bad setting, named by its configuration key
/// (DriftWatch:Sweep:Interval), which is what the operator has to change. Values are never echoed: they may be secrets.
/// </summary>
internal static partial class SettingFailures
{
    private static readonly Dictionary<Type, string> Sections = new()
    {
        [typeof(AwsClientOptions)] = AwsClientOptions.SectionName,
        [typeof(StorageOptions)] = StorageOptions.Section,
        [typeof(QueueOptions)] = QueueOptions.Section,
        [typeof(IncidentOptions)] = IncidentOptions.Section,
        [typeof(WebhookOptions)] = WebhookOptions.Section,
        [typeof(SweepOptions)] = SweepOptions.Section,
        [typeof(EvaluationOptions)] = EvaluationOptions.Section,
        [typeof(HealthOptions)] = HealthOptions.Section,
        [typeof(ShutdownOptions)] = ShutdownOptions.Section,
    };

    /// <summary>The failures of a validation exception, or of every one an aggregate holds.</summary>
    public static IReadOnlyList<string> Of(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Of).ToList(),
        OptionsValidationException validation => validation.Failures.Select(f => Describe(validation.OptionsType, f)).ToList(),
        _ when Binding(exception) is { } binding => [binding],
        _ => [],
    };

    /// <summary>True when the exception is a bad setting rather than a fault.</summary>
    public static bool AreSettings(Exception exception) => Of(exception).Count > 0;

    private static string Describe(Type optionsType, string failure)
    {
        var section = Sections.GetValueOrDefault(optionsType, optionsType.Name);
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure.StartsWith(section, StringComparison.Ordinal) ? failure : $"{section}: {failure}";
        }

        var error = match.Groups["error"].Value;
        var keys = match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(member => $"{section}:{member}")
            .ToList();
        // A custom validator may already name the key in full; do not say it twice.
        return keys.Any(k => error.StartsWith(k, StringComparison.Ordinal)) ? error : $"{string.Join(", ", keys)}: {error}";
    }

    // The binder's message names the key and the type; the value is left out on purpose.
    private static string? Binding(Exception exception) =>
        exception is InvalidOperationException && BindingFailure().Match(exception.Message) is { Success: true } match
            ? $"{match.Groups["key"].Value}: not a valid {match.Groups["type"].Value.Split('.')[^1]}"
            : null;

    [GeneratedRegex(@"members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value .*?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();
}
