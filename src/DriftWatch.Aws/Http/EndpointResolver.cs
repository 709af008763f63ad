namespace DriftWatch.Aws.Http;

/// <summary>
/// Where a service lives: the configured endpoint, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL, else the
/// public regional host. The environment is a lookup function so tests need not touch the process environment.
/// </summary>
internal sealed class EndpointResolver(Uri? configured, Func<string, string?> environment)
{
    public static EndpointResolver FromProcess(Uri? configured) => new(configured, Environment.GetEnvironmentVariable);

    public Uri Resolve(AwsService service, string region)
    {
        if (configured is not null)
        {
            return configured;
        }

        var fromEnvironment = Blank(environment($"AWS_ENDPOINT_URL_{service.EnvironmentKey}")) ?? Blank(environment("AWS_ENDPOINT_URL"));
        if (fromEnvironment is not null)
        {
            return new Uri(fromEnvironment);
        }

        // China regions live under their own DNS suffix; every other commercial region uses amazonaws.com.
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{suffix}/");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
