using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using DriftWatch.Aws;
using DriftWatch.Pipeline.Consumers;
using DriftWatch.Pipeline.Evaluation;
using DriftWatch.Pipeline.Incidents;
using DriftWatch.Pipeline.Options;
using DriftWatch.Pipeline.Sqs;
using DriftWatch.Pipeline.Storage;
using DriftWatch.Pipeline.Sweep;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DriftWatch.Pipeline;

/// <summary>Registration of the real-time pipeline: records, evaluation, incidents, the SQS edge and the sweep.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>The DynamoDB records (state, transitions, incidents) alone: what `history` and `incidents` need.</summary>
    public static IServiceCollection AddDriftWatchRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDriftWatchAws(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IAmazonDynamoDB>(sp => new AmazonDynamoDBClient(Configure(new AmazonDynamoDBConfig(), sp)));
        services.TryAddSingleton<DynamoDbStateStore>();
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<DynamoDbStateStore>());
        services.TryAddSingleton<IDriftRecords>(sp => sp.GetRequiredService<DynamoDbStateStore>());
        return services;
    }

    /// <summary>The whole worker: `driftwatch watch`.</summary>
    public static IServiceCollection AddDriftWatchPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDriftWatchRecords(configuration);
        Bind<QueueOptions>(services, configuration, QueueOptions.Section);
        Bind<IncidentOptions>(services, configuration, IncidentOptions.Section);
        Bind<WebhookOptions>(services, configuration, WebhookOptions.Section);
        Bind<OutboxOptions>(services, configuration, OutboxOptions.Section);
        Bind<SweepOptions>(services, configuration, SweepOptions.Section);
        Bind<EvaluationOptions>(services, configuration, EvaluationOptions.Section);

        services.TryAddSingleton<IAmazonSQS>(sp => new AmazonSQSClient(Configure(new AmazonSQSConfig(), sp)));
        services.AddSingleton<QueueAddresses>();
        services.AddSingleton<DocumentedExceptions>();
        services.AddSingleton<AccountEvaluator>();
        services.AddSingleton<EvaluationCoalescer>();
        services.AddSingleton<OrganizationFanOut>();
        services.TryAddSingleton<INoticeOutbox, DynamoDbNoticeOutbox>();
        services.AddSingleton<IncidentNotifier>();
        services.AddSingleton<IIncidentSink, LogIncidentSink>();
        services.AddSingleton<IIncidentSink, WebhookIncidentSink>();
        // No HttpClient request logging: its "Start processing HTTP request POST <url>" lines would print the webhook
        // URL, which may carry a token.
        services.AddHttpClient(WebhookIncidentSink.HttpClientName).RemoveAllLoggers();

        services.AddMediator(mediator =>
        {
            mediator.AddConsumer<CloudTrailChangeConsumer>();
            mediator.AddConsumer<AccountSweepConsumer>();
        });

        services.AddHostedService<SqsEventListener>();
        services.AddHostedService<NoticeRetrier>();
        services.AddSingleton<AccountDiscovery>();
        services.AddSingleton<SweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepService>());
        return services;
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>SDK clients follow DriftWatch:Aws (region, emulator endpoint) like our own CloudTrail client.</summary>
    private static T Configure<T>(T config, IServiceProvider services)
        where T : ClientConfig
    {
        var aws = services.GetRequiredService<IOptions<AwsClientOptions>>().Value;
        var region = aws.Region ?? services.GetRequiredService<AwsRegionResolver>().Resolve();
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        if (aws.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
