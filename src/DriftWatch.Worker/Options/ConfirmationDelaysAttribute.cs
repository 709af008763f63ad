using System.Globalization;
using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Options;

/// <summary>
/// Confirmation delays are at most <see cref="MaxCount"/>, each above zero and at most <see cref="MaxDelay"/> (past
/// that the sweep is the next look anyway), in increasing order.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfirmationDelaysAttribute : ValidationAttribute
{
    /// <summary>The most confirmation reads one event may cause.</summary>
    public const int MaxCount = 5;

    /// <summary>The longest delay accepted: the default sweep interval.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string[] texts)
        {
            return ValidationResult.Success;
        }

        string[] member = [validationContext.MemberName ?? "ConfirmAfter"];
        var delays = new List<TimeSpan>();
        foreach (var text in texts)
        {
            if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay))
            {
                // The value is not echoed: a setting's value may be a secret pasted in the wrong place.
                return new ValidationResult("each delay must be a time span such as 00:00:05", member);
            }

            delays.Add(delay);
        }

        if (delays.Count > MaxCount)
        {
            return new ValidationResult($"at most {MaxCount} delays", member);
        }

        if (delays.Any(d => d <= TimeSpan.Zero || d > MaxDelay))
        {
            return new ValidationResult($"each delay must be above 00:00:00 and at most {MaxDelay:c}", member);
        }

        return delays.Zip(delays.Skip(1)).Any(pair => pair.Second <= pair.First)
            ? new ValidationResult("delays must increase (each is counted from the event's evaluation)", member)
            : ValidationResult.Success;
    }
}
