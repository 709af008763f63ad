using Amazon.DynamoDBv2;
using DriftWatch.Aws;
using DriftWatch.Aws.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>Registration of DriftWatch's DynamoDB records: all that `history` and `incidents` need.</summary>
public static class RecordsServiceCollectionExtensions
{
    /// <summary>The AWS clients, the tables' options (validated at start) and the stores over them.</summary>
    public static IServiceCollection AddDriftWatchRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDriftWatchAws(configuration);
        // Bound by generated code and checked by StorageOptionsValidator's generated code: no reflection at start.
        // The validator is an instance, so the container never constructs it by reflection (see DriftWatch.Aws).
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>>(new StorageOptionsValidator()));
        services.AddSettingsCheck<StorageOptions>(StorageOptions.Section);
        services.TryAddSingleton<IAmazonDynamoDB>(sp => new AmazonDynamoDBClient(SdkClientConfig.Configure(new AmazonDynamoDBConfig(), sp)));
        services.TryAddSingleton<DynamoDbStateStore>();
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<DynamoDbStateStore>());
        services.TryAddSingleton<IAttemptStore>(sp => sp.GetRequiredService<DynamoDbStateStore>());
        services.TryAddSingleton<IDriftRecords>(sp => sp.GetRequiredService<DynamoDbStateStore>());
        services.TryAddSingleton<IReportRecords, DynamoDbReportRecords>();
        services.TryAddSingleton<INoticeOutbox, DynamoDbNoticeOutbox>();
        services.TryAddSingleton<IMonitorStore, DynamoDbMonitorStore>();
        services.TryAddSingleton<IWorkLeases, DynamoDbWorkLeases>();
        services.TryAddSingleton<ISharedCallBudget, DynamoDbCloudTrailBudget>();
        return services;
    }
}
