using DriftWatch.Aws;
using DriftWatch.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks;

/// <summary>Registration of the places the SOC hears from, and of the notifier that fans a notice out to them.</summary>
public static class SinksServiceCollectionExtensions
{
    /// <summary>The log and webhook sinks, the SOC sinks, their options (validated at start), and <see cref="IncidentNotifier"/>.</summary>
    public static IServiceCollection AddDriftWatchSinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDriftWatchRecords(configuration);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSettingsCheck<WebhookOptions>(WebhookOptions.Section);
        services.AddSingleton<IncidentNotifier>();
        services.AddSingleton<IIncidentSink, LogIncidentSink>();
        services.AddSingleton<IIncidentSink, WebhookIncidentSink>();
        // No HttpClient request logging: its "Start processing HTTP request POST <url>" lines would print the webhook
        // URL, which may carry a token.
        services.AddHttpClient(WebhookIncidentSink.HttpClientName)
            .RemoveAllLoggers()
            .AddDeliveryResilience("Webhook", sp => Settings(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddDriftWatchSocSinks(configuration);
        return services;
    }

    private static (int, TimeSpan) Settings(WebhookOptions options) => (options.Attempts, options.Timeout);
}
