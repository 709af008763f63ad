using System.Collections.Concurrent;
using System.Threading.Channels;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// An evaluation the test finishes by hand: each call waits until the test answers it, so which evaluations run, and
/// when, is decided by the test alone. Counts how many run at once per account.
/// </summary>
public sealed class ControlledEvaluation : IAccountEvaluation
{
    /// <summary>How long a test waits for an evaluation it expects to start.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>();
    private readonly ConcurrentDictionary<Call, byte> _unanswered = new();
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _mostAtOnce = new(StringComparer.Ordinal);
    private int _runningInAll;
    private int _mostAtOnceInAll;
    private int _started;

    /// <summary>Evaluations started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>The most evaluations of all accounts that ran at once.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnceInAll);

    /// <summary>The most evaluations of one account that ran at once.</summary>
    public int MostAtOnceFor(string accountId) => _mostAtOnce.GetValueOrDefault(accountId);

    /// <inheritdoc />
    public Task<EvaluationOutcome> EvaluateAsync(string accountId, Func<EvaluationCause> causeSoFar, CancellationToken cancellationToken)
    {
        var now = _running.AddOrUpdate(accountId, 1, (_, n) => n + 1);
        _mostAtOnce.AddOrUpdate(accountId, now, (_, most) => Math.Max(most, now));
        var inAll = Interlocked.Increment(ref _runningInAll);
        InterlockedMax(ref _mostAtOnceInAll, inAll);
        Interlocked.Increment(ref _started);

        var call = new Call(accountId, causeSoFar, cancellationToken, () =>
        {
            _running.AddOrUpdate(accountId, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _runningInAll);
        });
        _unanswered[call] = 0;
        call.Answer.ContinueWith(_ => _unanswered.TryRemove(call, out var _), TaskScheduler.Default);
        _calls.Writer.TryWrite(call);
        return call.Answer;
    }

    /// <summary>The next evaluation to start (already started, or starting within <see cref="Patience"/>).</summary>
    public async Task<Call> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _calls.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no evaluation started within {Patience.TotalSeconds} s ({Started} so far)");
        }
    }

    /// <summary>True when no evaluation has started that the test has not taken yet.</summary>
    public bool NoneWaiting => !_calls.Reader.TryPeek(out _);

    /// <summary>
    /// True when no further evaluation starts within <paramref name="grace"/>: the one check that can only wait, for
    /// something that must not happen.
    /// </summary>
    public async Task<bool> NoneStartsWithinAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            return !await _calls.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>
    /// Cancels every evaluation the test left unanswered (a failed assertion skips the answer), so whatever waits on
    /// them, a bus stopping included, ends instead of hanging the run.
    /// </summary>
    public void AbandonUnanswered()
    {
        foreach (var call in _unanswered.Keys)
        {
            call.Abandon();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>One evaluation under way, waiting for the test's answer.</summary>
    public sealed class Call(string accountId, Func<EvaluationCause> causeSoFar, CancellationToken token, Action ended)
    {
        private readonly TaskCompletionSource<EvaluationOutcome> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The account evaluated.</summary>
        public string AccountId { get; } = accountId;

        /// <summary>The token the evaluation was given.</summary>
        public CancellationToken Token { get; } = token;

        /// <summary>The answer the caller awaits.</summary>
        public Task<EvaluationOutcome> Answer => _answer.Task;

        /// <summary>The cause as the evaluation would record it now (an evaluator asks once the trails are read).</summary>
        public EvaluationCause Cause() => causeSoFar();

        /// <summary>The ids of the events in the cause, in order.</summary>
        public IReadOnlyList<string> CauseEventIds() => Cause().Events.Select(e => e.EventId).ToList();

        /// <summary>Ends the evaluation with a verdict.</summary>
        public EvaluationOutcome Finish(ComplianceStatus status, bool ownsOrganizationTrail = false)
        {
            var outcome = new EvaluationOutcome(AccountId, status, null, IncidentAction.None, 3, ownsOrganizationTrail);
            ended();
            _answer.SetResult(outcome);
            return outcome;
        }

        /// <summary>Ends the evaluation with a verdict that changed: a transition recorded with the cause as it stands.</summary>
        public EvaluationOutcome FinishWithChange(ComplianceStatus from, ComplianceStatus to, bool ownsOrganizationTrail = false)
        {
            var after = new VerdictSummary(to, [], [], [], [], null);
            var transition = new Transition(AccountId, 2, from, to, DateTimeOffset.UnixEpoch, Cause(), after with { Status = from }, after);
            var action = to == ComplianceStatus.Fail ? IncidentAction.Open : IncidentAction.Resolve;
            var outcome = new EvaluationOutcome(AccountId, to, transition, action, 3, ownsOrganizationTrail);
            ended();
            _answer.SetResult(outcome);
            return outcome;
        }

        /// <summary>Gives up on the evaluation, as a stopping host would.</summary>
        public void Abandon()
        {
            if (_answer.TrySetCanceled())
            {
                ended();
            }
        }

        /// <summary>Ends the evaluation with a fault (DynamoDB unreachable, say).</summary>
        public void Fault(Exception exception)
        {
            ended();
            _answer.SetException(exception);
        }
    }
}
