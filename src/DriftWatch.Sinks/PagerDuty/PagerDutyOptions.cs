using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Sinks.PagerDuty;

/// <summary>Where notices go in PagerDuty (Events API v2). The routing key is a secret: never logged, never echoed.</summary>
public sealed class PagerDutyOptions : IValidatableObject
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__PagerDuty__RoutingKey).</summary>
    public const string Section = "DriftWatch:Incidents:PagerDuty";

    /// <summary>PagerDuty's public Events API v2 endpoint.</summary>
    public static readonly Uri DefaultUrl = new("https://events.pagerduty.com/v2/enqueue");

    /// <summary>The 32-character integration key of an Events API v2 integration; unset disables the sink.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>The enqueue endpoint (a proxy, or PagerDuty's EU service).</summary>
    public Uri Url { get; set; } = DefaultUrl;

    /// <summary>
    /// The Change Events endpoint, where one-off notices (a denied attempt) go; unset, it is the enqueue endpoint's
    /// sibling (…/v2/enqueue → …/v2/change/enqueue).
    /// </summary>
    public Uri? ChangeUrl { get; set; }

    /// <summary>The Change Events endpoint in use (a method: the binder and validators read properties, and Url may be malformed).</summary>
    public Uri ChangeEndpoint() => ChangeUrl ?? ChangeEndpointOf(Url);

    /// <summary>Timeout of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "DriftWatch:Incidents:PagerDuty:Timeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per delivery (429 and 5xx are retried) before the notice is left to the outbox.</summary>
    [Range(1, 10, ErrorMessage = "DriftWatch:Incidents:PagerDuty:Attempts must be between 1 and 10.")]
    public int Attempts { get; set; } = 4;

    /// <summary>True when a routing key is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(RoutingKey);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The messages name the settings, never their values.
        if (Enabled && !(RoutingKey!.Length == 32 && RoutingKey.All(char.IsAsciiLetterOrDigit)))
        {
            yield return new ValidationResult("DriftWatch:Incidents:PagerDuty:RoutingKey must be the 32-character integration key", [nameof(RoutingKey)]);
        }

        if (Url is null || !Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("DriftWatch:Incidents:PagerDuty:Url must be an absolute http(s) URL", [nameof(Url)]);
        }

        if (ChangeUrl is not null && (!ChangeUrl.IsAbsoluteUri || ChangeUrl.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("DriftWatch:Incidents:PagerDuty:ChangeUrl must be an absolute http(s) URL", [nameof(ChangeUrl)]);
        }
    }

    /// <summary>The Change Events endpoint beside an enqueue endpoint: its last "enqueue" segment becomes "change/enqueue".</summary>
    public static Uri ChangeEndpointOf(Uri enqueue)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        var path = enqueue.AbsolutePath;
        var slash = path.EndsWith('/') ? "/" : "";
        var trimmed = path.TrimEnd('/');
        var changed = trimmed.EndsWith("/enqueue", StringComparison.Ordinal)
            ? trimmed[..^"enqueue".Length] + "change/enqueue" + slash
            : trimmed + "/change/enqueue" + slash;
        return new UriBuilder(enqueue) { Path = changed }.Uri;
    }
}
