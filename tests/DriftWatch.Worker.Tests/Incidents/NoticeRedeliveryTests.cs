using System.Text.Json.Nodes;
using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Tests.Organization;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// A notice redelivered from the outbox is the very notice first sent: same JSON, byte for byte, for each notice type.
/// The real evaluator, store, outbox, notifier and webhook sink on moto; the webhook refuses each notice once, so the
/// first delivery reaches it and the notice still stays in the outbox for the retrier.
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
        await using var webhook = new WebhookRefusingEachNoticeOnce();
        await using var worker = WorkerHost.Build(
            proxy.Endpoint,
            new Dictionary<string, string?>
            {
                ["DriftWatch:Aws:EndpointUrl"] = proxy.Endpoint.ToString(),
                ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
                ["DriftWatch:Incidents:Webhook:Secret"] = "s3cret-hmac-key",
                ["DriftWatch:Incidents:Webhook:Attempts"] = "1",
                ["DriftWatch:Incidents:BlindAfter"] = "00:00:00",
                ["DriftWatch:Incidents:Outbox:Grace"] = "00:00:00",
            });
        var evaluator = worker.Services.GetRequiredService<AccountEvaluator>();
        var retrier = worker.Services.GetServices<IHostedService>().OfType<NoticeRetrier>().Single();
        await evaluator.EvaluateAsync(World.Account, EvaluationCause.Sweep, CancellationToken.None);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await AssertRedeliveredAsSentAsync(IncidentNotice.Opened, () => evaluator.EvaluateAsync(World.Account, Because("StopLogging", World.Account), CancellationToken.None));

        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await AssertRedeliveredAsSentAsync(IncidentNotice.Resolved, () => evaluator.EvaluateAsync(World.Account, Because("StartLogging", World.Account), CancellationToken.None));

        var blind = await AssertRedeliveredAsSentAsync(IncidentNotice.Blind, () => evaluator.EvaluateAsync(Unreadable, Because("StopLogging", Unreadable), CancellationToken.None));
        Assert.Equal($"blind-{Incident.IdFor(Unreadable, 1)}", (string?)blind["incidentId"]);
        Assert.Equal(("event", "StopLogging"), ((string?)blind["cause"]!["kind"], (string?)blind["cause"]!["eventName"]));

        async Task<JsonNode> AssertRedeliveredAsSentAsync(string type, Func<Task<EvaluationOutcome>> evaluate)
        {
            await evaluate();
            var first = Assert.Single(webhook.Posts(type));

            await retrier.RetryDueAsync(CancellationToken.None);

            var posts = webhook.Posts(type);
            Assert.Equal(2, posts.Count);
            Assert.Equal(first.Body, posts[1].Body);
            Assert.Equal(first.Header(WebhookIncidentSink.SignatureHeader), posts[1].Header(WebhookIncidentSink.SignatureHeader));
            Assert.Empty(await DynamoDbNoticeOutboxOf(world).ListPendingAsync(CancellationToken.None));
            return JsonNode.Parse(posts[1].Body)!;
        }
    }

    private static Records.DynamoDbNoticeOutbox DynamoDbNoticeOutboxOf(World world) =>
        new(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new Records.StorageOptions()));

    private static EvaluationCause Because(string eventName, string accountId) => EvaluationCause.FromEvents(
    [
        Triggers.StopLogging(accountId, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) with { EventName = eventName },
    ]);

    /// <summary>A webhook endpoint that answers 503 to each notice type the first time and 204 after, keeping every POST.</summary>
    private sealed class WebhookRefusingEachNoticeOnce : IAsyncDisposable
    {
        private readonly HashSet<string?> _refused = [];
        private readonly LoopbackHttpServer _server;

        public WebhookRefusingEachNoticeOnce() => _server = new LoopbackHttpServer(AnswerAsync);

        public Uri Url => new(_server.Endpoint, "soc/hook/");

        /// <summary>Every POST of a notice of this type, refused or taken, in order of arrival.</summary>
        public IReadOnlyList<LoopbackRequest> Posts(string type) => _server.Requests.Where(r => TypeOf(r) == type).ToList();

        public ValueTask DisposeAsync() => _server.DisposeAsync();

        private static string? TypeOf(LoopbackRequest request) => (string?)JsonNode.Parse(request.Body)?["type"];

        private Task<LoopbackReply> AnswerAsync(LoopbackRequest request, CancellationToken cancellationToken)
        {
            lock (_refused)
            {
                return Task.FromResult(LoopbackReply.Empty(_refused.Add(TypeOf(request)) ? 503 : 204));
            }
        }
    }
}
