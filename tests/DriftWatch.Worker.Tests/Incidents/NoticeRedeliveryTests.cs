using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Tests.Organization;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// A notice redelivered from the outbox is the very notice first sent: same JSON, byte for byte, for each notice type.
/// The real evaluator, store, outbox, notifier and webhook sink on moto; one extra sink refuses each notice once, so the
/// first delivery reaches the webhook and the notice still stays in the outbox for the retrier.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class NoticeRedeliveryTests(DeployedMoto moto)
{
    /// <summary>An account the worker may not enter: every read of it fails, so it can only be "could not evaluate".</summary>
    private const string Unreadable = "210987654321";

    [Fact]
    public async Task ANoticeRedeliveredFromTheOutboxIsTheSameJsonAsItsFirstDeliveryForOpenedResolvedAndBlind()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var proxy = new AssumeRoleDenyingProxy(moto.Endpoint);
        proxy.Deny(Unreadable);
        await using var webhook = new WebhookReceiver();
        var refusesOnce = new RefusesEachNoticeOnce();
        await using var worker = WorkerHost.Build(
            proxy.Endpoint,
            new Dictionary<string, string?>
            {
                ["DriftWatch:Aws:EndpointUrl"] = proxy.Endpoint.ToString(),
                ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
                ["DriftWatch:Incidents:Webhook:Secret"] = "s3cret-hmac-key",
                ["DriftWatch:Incidents:BlindAfter"] = "00:00:00",
                ["DriftWatch:Incidents:Outbox:Grace"] = "00:00:00",
            },
            services => services.AddSingleton<IIncidentSink>(refusesOnce));
        var evaluator = worker.Services.GetRequiredService<AccountEvaluator>();
        var retrier = worker.Services.GetServices<IHostedService>().OfType<NoticeRetrier>().Single();
        await evaluator.EvaluateAsync(World.Account, EvaluationCause.Sweep, CancellationToken.None);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await AssertRedeliveredAsSentAsync(IncidentNotice.Opened, () => evaluator.EvaluateAsync(World.Account, Because("StopLogging", World.Account), CancellationToken.None));

        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await AssertRedeliveredAsSentAsync(IncidentNotice.Resolved, () => evaluator.EvaluateAsync(World.Account, Because("StartLogging", World.Account), CancellationToken.None));

        var blind = await AssertRedeliveredAsSentAsync(IncidentNotice.Blind, () => evaluator.EvaluateAsync(Unreadable, Because("StopLogging", Unreadable), CancellationToken.None));
        Assert.Equal($"blind-{Incident.IdFor(Unreadable, 1)}", (string?)blind.Json["incidentId"]);
        Assert.Equal(("event", "StopLogging"), ((string?)blind.Json["cause"]!["kind"], (string?)blind.Json["cause"]!["eventName"]));

        async Task<WebhookReceiver.Delivery> AssertRedeliveredAsSentAsync(string type, Func<Task<EvaluationOutcome>> evaluate)
        {
            await evaluate();
            var first = await webhook.WaitForAsync(type, ControlledEvaluation.Patience);
            Assert.Equal(1, refusesOnce.Refused(type));

            await retrier.RetryDueAsync(CancellationToken.None);

            var again = await webhook.WaitForAsync(type, ControlledEvaluation.Patience);
            Assert.Equal(first.Body, again.Body);
            Assert.Equal(first.Signature, again.Signature);
            Assert.Empty(await DynamoDbNoticeOutboxOf(world).ListPendingAsync(CancellationToken.None));
            return again;
        }
    }

    private static Records.DynamoDbNoticeOutbox DynamoDbNoticeOutboxOf(World world) =>
        new(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new Records.StorageOptions()));

    private static EvaluationCause Because(string eventName, string accountId) => EvaluationCause.FromEvents(
    [
        Triggers.StopLogging(accountId, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) with { EventName = eventName },
    ]);

    /// <summary>A sink that refuses each notice the first time it sees it and takes it the second time.</summary>
    private sealed class RefusesEachNoticeOnce : IIncidentSink
    {
        private readonly Dictionary<string, int> _refused = [];

        public int Refused(string type)
        {
            lock (_refused)
            {
                return _refused.GetValueOrDefault(type);
            }
        }

        public Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
        {
            lock (_refused)
            {
                var seen = _refused.GetValueOrDefault(notice.Type);
                if (seen > 0)
                {
                    return Task.FromResult(SinkResult.Accepted);
                }

                _refused[notice.Type] = 1;
                return Task.FromResult(SinkResult.Refused("refused once by the test"));
            }
        }
    }
}
