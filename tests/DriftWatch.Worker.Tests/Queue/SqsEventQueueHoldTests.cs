using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sqs;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Worker.Tests.Queue;

/// <summary>
/// The hold on a message being handled, on moto's SQS and a fake clock: its visibility is renewed every half timeout
/// while handling lasts, and the hold ends quietly, with no further renewal, the moment handling does.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class SqsEventQueueHoldTests(DeployedMoto moto)
{
    [Fact]
    public async Task RenewsVisibilityEveryHalfTimeoutAndEndsQuietlyWhenHandlingEnds()
    {
        await using var world = await World.CleanAsync(moto);
        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);
        var clock = new TimerWatchingClock(DateTimeOffset.UnixEpoch);
        using var sqs = new CountingSqs(moto.Endpoint);
        var options = new QueueOptions { VisibilityTimeoutSeconds = 30, WaitTimeSeconds = 1 };
        var queue = new SqsEventQueue(sqs, Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<SqsEventQueue>.Instance);
        await queue.OpenAsync(default);
        var message = Assert.Single(await queue.ReceiveAsync(1, default));
        var half = TimeSpan.FromSeconds(15);

        using var handling = new CancellationTokenSource();
        var hold = queue.HoldAsync(message, handling.Token);
        await clock.TimerSetAsync(half);
        clock.Advance(half);
        await clock.TimerSetAsync(half);
        Assert.Equal(1, sqs.VisibilityChanges);

        await handling.CancelAsync();
        await hold;
        clock.Advance(half);
        Assert.True(hold.IsCompletedSuccessfully);
        Assert.Equal(1, sqs.VisibilityChanges);
    }

    /// <summary>moto's SQS, counting the visibility changes asked of it.</summary>
    private sealed class CountingSqs(Uri endpoint) : AmazonSQSClient(
        MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion })
    {
        private int _changes;

        public int VisibilityChanges => Volatile.Read(ref _changes);

        public override Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _changes);
            return base.ChangeMessageVisibilityAsync(request, cancellationToken);
        }
    }
}
