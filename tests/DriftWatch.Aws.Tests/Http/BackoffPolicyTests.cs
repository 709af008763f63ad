using System.Net;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Tests.Http;

public sealed class BackoffPolicyTests
{
    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(4, 400)]
    [InlineData(10, 2000)]
    public void WaitsAtMostBaseDelayDoubledPerAttemptCappedByMaxDelay(int nextAttempt, int ceilingMs)
    {
        var policy = new BackoffPolicy(new AwsClientOptions(), random: () => 1.0);

        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs), policy.DelayBefore(nextAttempt));
    }

    [Fact]
    public void FullJitterMayNotWaitAtAll()
    {
        var policy = new BackoffPolicy(new AwsClientOptions(), random: () => 0.0);

        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(4));
    }

    [Theory]
    [InlineData("ThrottlingException", 400, true)]
    [InlineData("TooManyRequestsException", 400, true)]
    [InlineData("RequestLimitExceeded", 400, true)]
    [InlineData("Anything", 429, true)]
    [InlineData("InternalFailure", 500, true)]
    [InlineData("ServiceUnavailable", 503, true)]
    [InlineData("TrailNotFoundException", 400, false)]
    [InlineData("AccessDeniedException", 400, false)]
    public void RetriesThrottling429And5xxButNotOtherClientErrors(string code, int status, bool retryable)
    {
        var error = new AwsServiceException("CloudTrail", "GetTrailStatus", code, "m", (HttpStatusCode)status);

        Assert.Equal(retryable, BackoffPolicy.IsRetryable(error));
    }
}
