using Amazon.Runtime;

namespace DriftWatch.Testing;

/// <summary>moto's dummy credentials and default account, and the settings that point DriftWatch's clients at moto.</summary>
public static class MotoAws
{
    /// <summary>The account moto acts in unless told otherwise.</summary>
    public const string AccountId = "123456789012";

    /// <summary>Any key works: moto routes by the signature's scope and never checks it.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    /// <summary>
    /// Settings for moto: an explicit endpoint (never the process environment, which parallel test assemblies share)
    /// and a short retry budget so a misbehaving test fails fast.
    /// </summary>
    public static Dictionary<string, string?> Settings(Uri endpoint, string region = "us-east-1") => new()
    {
        ["DriftWatch:Aws:EndpointUrl"] = endpoint.ToString(),
        ["DriftWatch:Aws:Region"] = region,
        ["DriftWatch:Aws:MaxAttempts"] = "2",
        ["DriftWatch:Aws:BaseDelay"] = "00:00:00.020",
        ["DriftWatch:Aws:MaxDelay"] = "00:00:00.200",
        ["DriftWatch:Aws:AttemptTimeout"] = "00:00:10",
        ["DriftWatch:Aws:TotalTimeout"] = "00:00:30",
    };
}
