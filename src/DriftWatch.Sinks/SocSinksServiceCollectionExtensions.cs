using System.Diagnostics.CodeAnalysis;
using DriftWatch.Aws;
using DriftWatch.Sinks.EventBridge;
using DriftWatch.Sinks.PagerDuty;
using DriftWatch.Sinks.SecurityHub;
using DriftWatch.Sinks.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace DriftWatch.Sinks;

/// <summary>Registration of the SOC sinks: Security Hub, EventBridge, Slack and PagerDuty, each on only when configured.</summary>
public static class SocSinksServiceCollectionExtensions
{
    /// <summary>The four sinks, their options (validated at start), their HTTP clients and retry pipelines.</summary>
    public static IServiceCollection AddDriftWatchSocSinks(this IServiceCollection services, IConfiguration configuration)
    {
        Bind<SecurityHubOptions>(services, configuration, SecurityHubOptions.Section);
        Bind<EventBridgeOptions>(services, configuration, EventBridgeOptions.Section);
        Bind<SlackOptions>(services, configuration, SlackOptions.Section);
        Bind<PagerDutyOptions>(services, configuration, PagerDutyOptions.Section);

        services.AddSingleton<IIncidentSink, SecurityHubIncidentSink>();
        services.AddSingleton<IIncidentSink, EventBridgeIncidentSink>();
        services.AddSingleton<IIncidentSink, SlackIncidentSink>();
        services.AddSingleton<IIncidentSink, PagerDutyIncidentSink>();

        // No HttpClient request logging: "Start processing HTTP request POST <url>" would print the Slack token path.
        services.AddHttpClient(SlackIncidentSink.HttpClientName)
            .RemoveAllLoggers()
            .AddDeliveryResilience("Slack", sp => Settings(sp.GetRequiredService<IOptions<SlackOptions>>().Value));
        services.AddHttpClient(PagerDutyIncidentSink.HttpClientName)
            .RemoveAllLoggers()
            .AddDeliveryResilience("PagerDuty", sp => Settings(sp.GetRequiredService<IOptions<PagerDutyOptions>>().Value));

        // Security Hub calls are one attempt each (our restJson caller); throttling, 5xx and timeouts are retried here.
        services.AddResiliencePipeline(SecurityHubIncidentSink.PipelineName, pipeline => pipeline.AddRetry(new()
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(SecurityHubIncidentSink.IsTransient),
        }));
        return services;
    }

    private static (int, TimeSpan) Settings(SlackOptions options) => (options.Attempts, options.Timeout);

    private static (int, TimeSpan) Settings(PagerDutyOptions options) => (options.Attempts, options.Timeout);

    private static void Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSettingsCheck<T>(section);
    }
}
