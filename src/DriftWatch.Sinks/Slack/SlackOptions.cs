using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Sinks.Slack;

/// <summary>The Slack incoming webhook notices are posted to. The URL is a secret (its path is the token): never logged.</summary>
public sealed class SlackOptions : IValidatableObject
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__Slack__WebhookUrl).</summary>
    public const string Section = "DriftWatch:Incidents:Slack";

    /// <summary>The incoming webhook URL (https://hooks.slack.com/services/…); unset disables the sink.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "DriftWatch:Incidents:Slack:Timeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per delivery (429 and 5xx are retried) before the notice is left to the outbox.</summary>
    [Range(1, 10, ErrorMessage = "DriftWatch:Incidents:Slack:Attempts must be between 1 and 10.")]
    public int Attempts { get; set; } = 3;

    /// <summary>True when a webhook URL is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Names the setting, never its value.
        if (Enabled && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("DriftWatch:Incidents:Slack:WebhookUrl must be an absolute http(s) URL", [nameof(WebhookUrl)]);
        }
    }
}
