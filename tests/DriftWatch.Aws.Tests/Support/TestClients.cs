using Amazon.Runtime;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>Clients pointed at a fake endpoint with fast retries and no jitter surprises.</summary>
public static class TestClients
{
    public static AwsClientOptions FastOptions(Uri? endpoint, string region = "eu-west-2") => new()
    {
        EndpointUrl = endpoint,
        Region = region,
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    internal static AwsClients For(
        Uri? endpoint,
        Action<AwsClientOptions>? configure = null,
        AWSCredentials? credentials = null,
        TimeProvider? clock = null,
        Func<string, string?>? environment = null)
    {
        var options = FastOptions(endpoint);
        configure?.Invoke(options);
        return AwsClients.CreateForTests(
            options, credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "secret"), clock, environment: environment, random: () => 1.0);
    }
}
