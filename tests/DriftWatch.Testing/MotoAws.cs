using Amazon.Runtime;
using DriftWatch.Aws;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Testing;

/// <summary>Builds DriftWatch's AWS clients pointed at moto, with moto's dummy credentials and default account.</summary>
public static class MotoAws
{
    /// <summary>The account moto acts in unless told otherwise.</summary>
    public const string AccountId = "123456789012";

    /// <summary>Any key works: moto routes by the signature's scope and never checks it.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    /// <summary>
    /// Options for moto: an explicit endpoint (never the process environment, which parallel test assemblies share)
    /// and a short retry budget so a misbehaving test fails fast.
    /// </summary>
    public static AwsClientOptions Options(Uri endpoint, string region = "us-east-1") => new()
    {
        EndpointUrl = endpoint,
        Region = region,
        MaxAttempts = 2,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Clients against moto; dispose them at the end of the test.</summary>
    public static AwsClients CreateClients(
        Uri endpoint, string region = "us-east-1", TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null) =>
        AwsClients.Create(Options(endpoint, region), Credentials, timeProvider, loggerFactory);
}
