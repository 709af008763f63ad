using System.Net;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace DriftWatch.Aws.Tests.Http;

public sealed class AwsCallPipelineTests : IDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private readonly FakeAwsHandler _handler = new();
    private readonly RecordingClock _clock = new();
    private readonly List<TestAws> _containers = [];

    public void Dispose()
    {
        _containers.ForEach(c => c.Dispose());
        _handler.Dispose();
    }

    [Theory]
    [InlineData("ThrottlingException", 400, true)]
    [InlineData("Throttling", 400, true)]
    [InlineData("TooManyRequestsException", 400, true)]
    [InlineData("RequestLimitExceeded", 400, true)]
    [InlineData("Anything", 429, true)]
    [InlineData("InternalFailure", 500, true)]
    [InlineData("ServiceUnavailable", 503, true)]
    [InlineData("TrailNotFoundException", 400, false)]
    [InlineData("AccessDeniedException", 400, false)]
    [InlineData("CredentialsUnavailable", 0, false)]
    public void RetriesThrottling429And5xxButNotOtherAwsErrors(string code, int status, bool retryable)
    {
        var error = new AwsServiceException("CloudTrail", "GetTrailStatus", code, "m", (HttpStatusCode)status);

        Assert.Equal(retryable, AwsCallPipeline.IsRetryable(error));
    }

    [Fact]
    public void RetriesConnectionFailuresAndAttemptTimeoutsButNotCancellationOrOtherFaults()
    {
        Assert.True(AwsCallPipeline.IsRetryable(new HttpRequestException("refused")));
        Assert.True(AwsCallPipeline.IsRetryable(new TimeoutRejectedException("attempt")));
        Assert.False(AwsCallPipeline.IsRetryable(new OperationCanceledException()));
        Assert.False(AwsCallPipeline.IsRetryable(new TimeoutException("rate limit")));
        Assert.False(AwsCallPipeline.IsRetryable(new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task WaitsOnTheContainersClockNoLongerThanMaxDelayBeforeEachRetry()
    {
        var attempts = 0;
        // A base of a second: a jittered wait under 1 ms would start no timer (Task.Delay counts whole milliseconds).
        var pipeline = Pipeline(("MaxAttempts", "4"), ("BaseDelay", "00:00:01"), ("MaxDelay", "00:00:05"), ("AttemptTimeout", "00:00:30"), ("TotalTimeout", "00:05:00"));

        var call = pipeline.ExecuteAsync(_ => Interlocked.Increment(ref attempts) < 4 ? throw Throttled() : ValueTask.CompletedTask).AsTask();
        for (var retry = 1; retry <= 3; retry++)
        {
            var wait = await _clock.NextTimerAsync(due => due <= MaxDelay);
            Assert.InRange(wait, TimeSpan.FromMilliseconds(1), MaxDelay);
            Assert.Equal(retry, Volatile.Read(ref attempts));
            _clock.Advance(wait);
        }

        await call;
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task MakesAtMostMaxAttemptsAndSurfacesTheLastFailure()
    {
        var attempts = 0;
        var pipeline = Pipeline(("MaxAttempts", "3"), ("BaseDelay", "00:00:00"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => pipeline.ExecuteAsync(_ => throw Throttled($"attempt {Interlocked.Increment(ref attempts)}")).AsTask());

        Assert.Equal(3, attempts);
        Assert.Equal("attempt 3", error.Message);
    }

    [Fact]
    public async Task RetriesAtOnceWhenTheBaseDelayIsZero()
    {
        var attempts = 0;
        var pipeline = Pipeline(("MaxAttempts", "3"), ("BaseDelay", "00:00:00"));

        await pipeline.ExecuteAsync(_ => Interlocked.Increment(ref attempts) < 3 ? throw Throttled() : ValueTask.CompletedTask);

        Assert.Equal(3, attempts);
        Assert.Equal(_clock.Start, _clock.GetUtcNow());
    }

    [Fact]
    public async Task MakesOneAttemptWhenMaxAttemptsIsOne()
    {
        var attempts = 0;
        var pipeline = Pipeline(("MaxAttempts", "1"));

        await Assert.ThrowsAsync<AwsServiceException>(() => pipeline.ExecuteAsync(_ => throw Throttled($"{Interlocked.Increment(ref attempts)}")).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task GivesUpAnAttemptAfterAttemptTimeoutAndTriesAgain()
    {
        var attempts = 0;
        var pipeline = Pipeline(("MaxAttempts", "2"), ("AttemptTimeout", "00:00:02"), ("BaseDelay", "00:00:00"));

        var call = pipeline.ExecuteAsync(async token =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
        }).AsTask();
        await _clock.NextTimerAsync(due => due == TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));

        await call;
        Assert.Equal(2, attempts);
    }

    private static AwsServiceException Throttled(string message = "Rate exceeded") =>
        new("CloudTrail", "DescribeTrails", "ThrottlingException", message, HttpStatusCode.BadRequest);

    private ResiliencePipeline Pipeline(params (string Key, string Value)[] settings)
    {
        var aws = new TestAws(_handler, settings.ToDictionary(s => $"DriftWatch:Aws:{s.Key}", s => (string?)s.Value), clock: _clock);
        _containers.Add(aws);
        return aws.Services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(AwsCallPipeline.Name);
    }
}
