using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Sinks;

/// <summary>Where incidents are POSTed. Url and Secret are secrets: never logged.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__Webhook__Url).</summary>
    public const string Section = "DriftWatch:Incidents:Webhook";

    /// <summary>Absolute http(s) URL; empty disables the webhook.</summary>
    public string? Url { get; set; }

    /// <summary>When set, each POST carries X-DriftWatch-Signature: sha256=HMAC(secret, body).</summary>
    public string? Secret { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before the notice is left for a later retry.</summary>
    [Range(1, 20)]
    public int Attempts { get; set; } = 4;

    /// <summary>True when a URL is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The message names the setting, never its value: the URL may embed a token.
        if (Enabled && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("DriftWatch:Incidents:Webhook:Url must be an absolute http(s) URL", [nameof(Url)]);
        }
    }
}
