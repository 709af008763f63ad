using DriftWatch.Aws;
using Polly.Timeout;

namespace DriftWatch.Sinks.Soc;

/// <summary>
/// What the AWS clients (DriftWatch.Aws) throw when a call fails, read where an AWS-backed sink (Security Hub,
/// EventBridge) calls them and turned into the reason of a refusal: the service's error code and HTTP status, or the
/// kind of connection failure. The exceptions' messages are left out: a connection failure's names the endpoint.
/// </summary>
internal static class AwsFailure
{
    /// <summary>True for a failed AWS call: refused by the service, not reached, or not answered in time.</summary>
    public static bool Is(Exception exception) =>
        exception is AwsServiceException or HttpRequestException or TimeoutException or TimeoutRejectedException;

    /// <summary>The failure in words that hold no URL.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        AwsServiceException { StatusCode: 0 } aws => $"{aws.ErrorCode} (no answer)",
        AwsServiceException aws => $"{aws.ErrorCode} (HTTP {(int)aws.StatusCode})",
        HttpRequestException http => $"could not connect ({http.HttpRequestError})",
        _ => "timed out",
    };
}
