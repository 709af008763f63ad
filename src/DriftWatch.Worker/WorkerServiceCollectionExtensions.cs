using System.Diagnostics.CodeAnalysis;
using Amazon.SQS;
using DriftWatch.Aws;
using DriftWatch.Sinks;
using DriftWatch.Worker.Consumers;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Queue;
using DriftWatch.Worker.Resilience;
using DriftWatch.Worker.Sqs;
using DriftWatch.Worker.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DriftWatch.Worker;

/// <summary>Registration of the worker, `driftwatch watch`: the queue edge, evaluation, the sweep and the outbox retrier.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>The whole worker, with the records and sinks it writes to.</summary>
    public static IServiceCollection AddDriftWatchWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDriftWatchSinks(configuration);
        Bind<QueueOptions>(services, configuration, QueueOptions.Section);
        Bind<IncidentOptions>(services, configuration, IncidentOptions.Section);
        Bind<OutboxOptions>(services, configuration, OutboxOptions.Section);
        Bind<SweepOptions>(services, configuration, SweepOptions.Section);
        Bind<EvaluationOptions>(services, configuration, EvaluationOptions.Section);
        Bind<HeartbeatOptions>(services, configuration, HeartbeatOptions.Section);
        Bind<ForwarderOptions>(services, configuration, ForwarderOptions.Section);
        Bind<RegionsOptions>(services, configuration, RegionsOptions.Section);

        // The transport: SqsEventQueue is the only SQS-aware part; another IEventQueue replaces it here.
        services.TryAddSingleton<IAmazonSQS>(sp => new AmazonSQSClient(SdkClientConfig.Configure(new AmazonSQSConfig(), sp)));
        services.TryAddSingleton<IEventQueue, SqsEventQueue>();

        services.AddWorkerPipelines();
        services.AddSingleton<ConfiguredWaivers>();
        services.AddSingleton<CommittedStates>();
        services.AddSingleton<AccountEvaluator>();
        services.AddSingleton<IAccountEvaluation>(sp => sp.GetRequiredService<AccountEvaluator>());
        services.AddSingleton<EvaluationCoalescer>();
        services.AddSingleton<OrganizationFanOut>();
        services.AddSingleton<ConfirmationReads>();
        services.AddSingleton<DestinationEventMatcher>();
        services.AddSingleton<Attempts.IDeniedAttempts, Attempts.DeniedAttemptRecorder>();
        services.AddSingleton<AccountDiscovery>();
        services.AddSingleton<IAccountDiscovery>(sp => sp.GetRequiredService<AccountDiscovery>());
        services.AddSingleton<RegionWatcher>();
        services.AddSingleton<IRegionWatcher>(sp => sp.GetRequiredService<RegionWatcher>());
        services.AddSingleton<ForwarderVerifier>();
        services.AddSingleton<IForwarderChecks>(sp => sp.GetRequiredService<ForwarderVerifier>());
        services.AddSingleton<HeartbeatSender>();
        services.AddDriftWatchMediator();

        services.AddHostedService<EventQueueListener>();
        services.AddHostedService<NoticeRetrier>();
        services.AddSingleton<SweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepService>());
        services.AddSingleton<HeartbeatService>();
        services.AddHostedService(sp => sp.GetRequiredService<HeartbeatService>());
        services.AddDriftWatchOperations(configuration);
        return services;
    }

    private static void Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSettingsCheck<T>(section);
    }
}
