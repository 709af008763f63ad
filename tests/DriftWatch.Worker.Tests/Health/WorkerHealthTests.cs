using DriftWatch.Worker.Health;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Tests.Health;

/// <summary>
/// The rules behind /readyz and /healthz, on a clock the test moves: ready once SQS and DynamoDB have answered and
/// while the last receive is fresher than two long-poll waits; alive through an outage, dead when the receive loop
/// stops turning or a background service stops.
/// </summary>
public sealed class WorkerHealthTests
{
    private readonly Clock _clock = new();
    private readonly WorkerHealth _health;

    public WorkerHealthTests() => _health = new WorkerHealth(_clock, Microsoft.Extensions.Options.Options.Create(new QueueOptions { WaitTimeSeconds = 20 }));

    [Fact]
    public void IsNotReadyBeforeAReceiveAndADynamoDbCallHaveCompleted()
    {
        var report = _health.Readiness();

        Assert.False(report.Ok);
        Assert.Contains("SQS: no receive has completed yet", report.Problems);
        Assert.Contains("DynamoDB: no call has completed yet", report.Problems);
    }

    [Fact]
    public async Task IsReadyOnceSqsAndDynamoDbHaveAnswered()
    {
        _health.ReceiveSucceeded();
        await _health.ObserveTablesAsync(() => Task.FromResult(1), CancellationToken.None);

        var report = _health.Readiness();

        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal("ready", report.Status);
    }

    [Fact]
    public async Task IsNotReadyWhenTheLastReceiveIsOlderThanTwoLongPollWaits()
    {
        _health.ReceiveSucceeded();
        await _health.ObserveTablesAsync(() => Task.FromResult(1), CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(39));
        Assert.True(_health.Readiness().Ok);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var stale = _health.Readiness();

        Assert.False(stale.Ok);
        Assert.Contains("SQS: no receive completed for 41 s (limit 40 s)", stale.Problems);
    }

    [Fact]
    public async Task IsNotReadyWhileReceivesFailAndReadyAgainAfterOneSucceeds()
    {
        await _health.ObserveTablesAsync(() => Task.FromResult(1), CancellationToken.None);
        _health.ReceiveSucceeded();

        _health.ReceiveFailed(new HttpRequestException("connection refused"));
        Assert.Equal(["SQS: the last receive failed (HttpRequestException)"], _health.Readiness().Problems);

        _health.ReceiveSucceeded();
        Assert.True(_health.Readiness().Ok);
    }

    [Fact]
    public async Task IsNotReadyWhileDynamoDbFailsAndPassesTheFailureOn()
    {
        _health.ReceiveSucceeded();
        await _health.ObserveTablesAsync(() => Task.FromResult(1), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => _health.ObserveTablesAsync(() => Task.FromException<int>(new TimeoutException()), CancellationToken.None));
        Assert.Equal(["DynamoDB: the last call failed (TimeoutException)"], _health.Readiness().Problems);

        await _health.ObserveTablesAsync(() => Task.CompletedTask, CancellationToken.None);
        Assert.True(_health.Readiness().Ok);
    }

    [Fact]
    public async Task ACallCancelledByAStopSaysNothingAboutDynamoDb()
    {
        _health.ReceiveSucceeded();
        await _health.ObserveTablesAsync(() => Task.FromResult(1), CancellationToken.None);
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _health.ObserveTablesAsync(() => Task.FromCanceled<int>(stopping.Token), stopping.Token));

        Assert.True(_health.Readiness().Ok);
    }

    [Fact]
    public async Task StaysAliveWhileReceivesFailButNotWhenTheLoopStopsTurning()
    {
        using var running = new Running();
        await running.StartAsync(CancellationToken.None);
        for (var minute = 0; minute < 10; minute++)
        {
            _health.ReceiveFailed(new HttpRequestException("AWS is away"));
            _clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(_health.Liveness([running]).Ok);
        }

        _clock.Advance(WorkerHealth.LivenessWindow);
        var report = _health.Liveness([running]);

        Assert.False(report.Ok);
        Assert.Equal("dead", report.Status);
        Assert.Contains("the receive loop has not turned for 360 s", report.Problems);
    }

    [Fact]
    public async Task IsDeadOnceABackgroundServiceHasStopped()
    {
        _health.ReceiveSucceeded();
        using var finished = new Finished();
        await finished.StartAsync(CancellationToken.None);
        await finished.ExecuteTask!;

        var report = _health.Liveness([finished]);

        Assert.False(report.Ok);
        Assert.Equal(["Finished stopped"], report.Problems);
        Assert.Equal("stopped", report.Services!["Finished"]);
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class Running : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private sealed class Finished : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
