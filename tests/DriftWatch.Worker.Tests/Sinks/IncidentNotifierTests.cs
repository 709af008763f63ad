using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>
/// The notifier alone, on scripted sinks and an outbox held in memory: every sink at once, each sink only what it
/// lacks, an incident's notices in order per sink, and what it records of each acceptance.
/// </summary>
public sealed class IncidentNotifierTests
{
    private const string Account = "111122223333";
    private const string IncidentId = "111122223333-00000002";
    private static readonly IncidentNotice Open = Notices.Opened(Account, IncidentId);
    private static readonly IncidentNotice Resolve = Notices.Resolved(Account, IncidentId);

    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task HandsANoticeToEverySinkAtOnceSoASinkThatHangsDelaysNoneOfTheOthers()
    {
        var slackAnswer = new TaskCompletionSource<SinkResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slack = new ScriptedSink("slack", _ => slackAnswer.Task);
        var webhook = new ScriptedSink("webhook");
        var outbox = new MemoryOutbox(Pending(Open));

        var notify = Notifier(outbox, slack, webhook).NotifyAsync(Open, CancellationToken.None);
        await webhook.FirstCall.WaitAsync(ControlledEvaluation.Patience);
        await outbox.TakenAsync("webhook").WaitAsync(ControlledEvaluation.Patience);

        Assert.False(notify.IsCompleted);
        slackAnswer.SetResult(SinkResult.Refused("HTTP 503"));
        Assert.Equal(1, await notify);
        Assert.Equal([(IncidentNotice.Opened, "webhook")], outbox.Taken);
        Assert.Empty(outbox.Cleared);
        Assert.Contains(_logs.Lines, l => l.Contains("stays in the outbox for slack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClearsANoticeOnceEveryEnabledSinkHasItAndCountsASinkThatIsNotConfiguredAsHavingIt()
    {
        var webhook = new ScriptedSink("webhook");
        var pagerDuty = new ScriptedSink("pagerduty", enabled: false);
        var outbox = new MemoryOutbox(Pending(Open));

        var lacking = await Notifier(outbox, webhook, pagerDuty).NotifyAsync(Open, CancellationToken.None);

        Assert.Equal(0, lacking);
        Assert.Equal((1, 0), (webhook.Calls.Count, pagerDuty.Calls.Count));
        Assert.Equal([(IncidentNotice.Opened, "webhook")], outbox.Taken);
        Assert.Equal([IncidentNotice.Opened], outbox.Cleared);
    }

    [Fact]
    public async Task HandsARetryOnlyToTheSinksThatHaveNotTakenIt()
    {
        var webhook = new ScriptedSink("webhook");
        var slack = new ScriptedSink("slack");
        var outbox = new MemoryOutbox();

        var lacking = await Notifier(outbox, webhook, slack).DeliverAsync(Pending(Open, takenBy: ["webhook"]), new HashSet<string>(), CancellationToken.None);

        Assert.Empty(lacking);
        Assert.Equal((0, 1), (webhook.Calls.Count, slack.Calls.Count));
        Assert.Equal([(IncidentNotice.Opened, "slack")], outbox.Taken);
    }

    [Fact]
    public async Task KeepsAResolveFromASinkTheIncidentsOpenHasNotReachedYet()
    {
        var webhook = new ScriptedSink("webhook");
        var pagerDuty = new ScriptedSink("pagerduty");
        var outbox = new MemoryOutbox(Pending(Open, takenBy: ["webhook"]), Pending(Resolve));

        var lacking = await Notifier(outbox, webhook, pagerDuty).NotifyAsync(Resolve, CancellationToken.None);

        Assert.Equal(1, lacking);
        Assert.Equal([IncidentNotice.Resolved], webhook.Calls.Select(n => n.Type));
        Assert.Empty(pagerDuty.Calls);
        Assert.Empty(outbox.Cleared);
    }

    [Fact]
    public async Task NeverSendsAnOpenToASinkThatAlreadyTookTheIncidentsResolve()
    {
        var webhook = new ScriptedSink("webhook");
        var pagerDuty = new ScriptedSink("pagerduty");
        var notifier = Notifier(new MemoryOutbox(), webhook, pagerDuty);
        var open = Pending(Open, takenBy: ["webhook"], supersededFor: ["webhook", "pagerduty"]);

        var lacking = await notifier.DeliverAsync(open, new HashSet<string>(), CancellationToken.None);

        Assert.Empty(lacking);
        Assert.Empty(notifier.Lacking(open));
        Assert.Empty(pagerDuty.Calls);
        Assert.Empty(webhook.Calls);
        Assert.Contains(_logs.Lines, l => l.Contains("Sink pagerduty already took a later notice of 111122223333-00000002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASinkThatThrowsIsARefusalThatNamesNoUrlAndTheOthersStillGetTheNotice()
    {
        var thrower = new ScriptedSink("slack", _ => throw new InvalidOperationException("POST https://hooks.slack.example/services/T0/B0/secret failed"));
        var webhook = new ScriptedSink("webhook");
        var outbox = new MemoryOutbox(Pending(Open));

        var lacking = await Notifier(outbox, thrower, webhook).NotifyAsync(Open, CancellationToken.None);

        Assert.Equal(1, lacking);
        Assert.Single(webhook.Calls);
        Assert.Contains(_logs.Lines, l => l.Contains("Sink slack could not deliver incident.opened 111122223333-00000002: it threw InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("hooks.slack.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliversAJustCommittedOpeningWithoutReadingItsIncidentBack()
    {
        var webhook = new ScriptedSink("webhook");
        var outbox = new MemoryOutbox(Pending(Open));

        var lacking = await Notifier(outbox, webhook).NotifyAsync(Open, CancellationToken.None);

        Assert.Equal(0, lacking);
        Assert.Equal(0, outbox.Reads);
        Assert.Equal([IncidentNotice.Opened], webhook.Calls.Select(n => n.Type));
        Assert.Equal([IncidentNotice.Opened], outbox.Cleared);
    }

    [Fact]
    public async Task DeliversAResolveWithoutAReadOnceEverySinkTookTheIncidentsOpeningFromThisProcess()
    {
        var webhook = new ScriptedSink("webhook");
        var slack = new ScriptedSink("slack");
        var outbox = new MemoryOutbox(Pending(Open), Pending(Resolve));
        var notifier = Notifier(outbox, webhook, slack);

        await notifier.NotifyAsync(Open, CancellationToken.None);
        var lacking = await notifier.NotifyAsync(Resolve, CancellationToken.None);

        Assert.Equal(0, lacking);
        Assert.Equal(0, outbox.Reads);
        Assert.Equal([IncidentNotice.Opened, IncidentNotice.Resolved], webhook.Calls.Select(n => n.Type));
        Assert.Equal([IncidentNotice.Opened, IncidentNotice.Resolved], slack.Calls.Select(n => n.Type));
    }

    [Fact]
    public async Task ReadsTheIncidentBackBeforeAResolveWhenASinkRefusedItsOpening()
    {
        var webhook = new ScriptedSink("webhook");
        var pagerDuty = new ScriptedSink("pagerduty", n => Task.FromResult(n.Type == IncidentNotice.Opened ? SinkResult.Refused("HTTP 503") : SinkResult.Accepted));
        var outbox = new MemoryOutbox(Pending(Open, takenBy: ["webhook"]), Pending(Resolve));
        var notifier = Notifier(outbox, webhook, pagerDuty);

        Assert.Equal(1, await notifier.NotifyAsync(Open, CancellationToken.None));
        var lacking = await notifier.NotifyAsync(Resolve, CancellationToken.None);

        Assert.Equal(1, outbox.Reads);
        Assert.Equal(1, lacking);
        Assert.Equal([IncidentNotice.Opened], pagerDuty.Calls.Select(n => n.Type));
    }

    [Fact]
    public void RefusesTwoSinksOfTheSameNameForTheOutboxTellsSinksApartByName()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Notifier(new MemoryOutbox(), new ScriptedSink("webhook"), new ScriptedSink("webhook")));

        Assert.Contains("named webhook", failure.Message, StringComparison.Ordinal);
    }

    private static PendingNotice Pending(IncidentNotice notice, string[]? takenBy = null, string[]? supersededFor = null) =>
        new(notice, "2025-03-04T05:06:07.8900000Z", notice.DetectedAt, 0, (takenBy ?? []).ToHashSet(), (supersededFor ?? []).ToHashSet());

    private IncidentNotifier Notifier(INoticeOutbox outbox, params IIncidentSink[] sinks) =>
        new(sinks, outbox, TimeProvider.System, LoggerFactory.Create(l => l.AddProvider(_logs)).CreateLogger<IncidentNotifier>());

    /// <summary>A sink that answers as told (accepted by default) and keeps every notice it was handed.</summary>
    private sealed class ScriptedSink(string name, Func<IncidentNotice, Task<SinkResult>>? answer = null, bool enabled = true) : IIncidentSink
    {
        private readonly List<IncidentNotice> _calls = [];
        private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public bool Enabled => enabled;

        public IReadOnlyList<IncidentNotice> Calls
        {
            get
            {
                lock (_calls)
                {
                    return _calls.ToList();
                }
            }
        }

        public Task FirstCall => _called.Task;

        public Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls.Add(notice);
            }

            _called.TrySetResult();
            return answer is null ? Task.FromResult(SinkResult.Accepted) : answer(notice);
        }
    }

    /// <summary>One incident's pending notices in memory, and what the notifier recorded and cleared.</summary>
    private sealed class MemoryOutbox(params PendingNotice[] notices) : INoticeOutbox
    {
        private readonly List<(string Type, string Sink)> _taken = [];
        private readonly List<string> _cleared = [];
        private readonly Dictionary<string, TaskCompletionSource> _recorded = [];

        public IReadOnlyList<(string Type, string Sink)> Taken
        {
            get
            {
                lock (_taken)
                {
                    return _taken.ToList();
                }
            }
        }

        public IReadOnlyList<string> Cleared
        {
            get
            {
                lock (_taken)
                {
                    return _cleared.ToList();
                }
            }
        }

        /// <summary>Completes once the sink's acceptance was recorded.</summary>
        public Task TakenAsync(string sink) => Recorded(sink).Task;

        /// <summary>How many times the notifier read an incident back.</summary>
        public int Reads { get; private set; }

        public Task<IReadOnlyList<PendingNotice>> ListPendingAsync(string incidentId, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<PendingNotice>>(notices.Where(p => p.Notice.IncidentId == incidentId).ToList());
        }

        public Task RecordTakenAsync(string incidentId, string noticeType, string sink, CancellationToken cancellationToken)
        {
            lock (_taken)
            {
                _taken.Add((noticeType, sink));
            }

            Recorded(sink).TrySetResult();
            return Task.CompletedTask;
        }

        public Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken)
        {
            lock (_taken)
            {
                _cleared.Add(noticeType);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken) => throw new NotSupportedException("the retrier's, not the notifier's");

        public Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) => throw new NotSupportedException("the retrier's, not the notifier's");

        public Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) => throw new NotSupportedException("the retrier's, not the notifier's");

        private TaskCompletionSource Recorded(string sink)
        {
            lock (_recorded)
            {
                return _recorded.TryGetValue(sink, out var recorded)
                    ? recorded
                    : _recorded[sink] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
