using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Waivers;

namespace DriftWatch.Core.Reporting;

/// <summary>
/// Turns an account's recorded transitions into its coverage over a window, one transition at a time (oldest first),
/// so that a reader can feed it page by page and hold nothing but the result.
/// <para>
/// The state at the window's start is the last transition before it (unknown when there is none). Each transition
/// sets the state from the moment it was detected. A change between two verdicts of the same status (fail → fail
/// with other reasons) continues the same stretch: the gap keeps the cause that opened it.
/// </para>
/// <para>
/// fail → could not evaluate → pass: the gap ends where "could not evaluate" begins, and that gap is not counted as
/// restored (ResolvedBy null, left out of the mean time to restore). While DriftWatch could not read the trails,
/// nothing is known: stretching the gap over that time would count a guess as non-compliance, which DriftWatch never
/// does, and would make the gaps disagree with the failing seconds. Had it been restored during the blind stretch,
/// no record could say when. fail → could not evaluate → fail is therefore two gaps, the second opened by whatever
/// evaluation saw fail again; the timeline shows the blind stretch between them.
/// </para>
/// </summary>
public sealed class CoverageTimeline
{
    private readonly string _accountId;
    private readonly ReportWindow _window;
    private readonly DateTimeOffset _countedUntil;
    private readonly bool _reachesNow;
    private readonly List<CoverageSpan> _spans = [];
    private readonly List<CoverageGap> _gaps = [];
    private readonly Dictionary<CoverageState, TimeSpan> _totals = [];
    private CoverageState _state;
    private DateTimeOffset _stateFrom;
    private Transition? _opening;
    private (DateTimeOffset At, long Version)? _last;
    private bool _finished;

    /// <summary>Starts the account's timeline at the window's start, in the state <paramref name="before"/> left it in.</summary>
    public CoverageTimeline(string accountId, ReportWindow window, DateTimeOffset now, Transition? before)
    {
        if (before is not null && (before.DetectedAt >= window.Since || before.AccountId != accountId))
        {
            throw new ArgumentException("the transition before the window must be this account's, detected before the window starts", nameof(before));
        }

        _accountId = accountId;
        _window = window;
        _countedUntil = window.CountedUntil(now);
        _reachesNow = window.ReachesNow(now);
        _state = before is null ? CoverageState.Unknown : StateOf(before.To);
        _stateFrom = window.Since;
        _opening = _state == CoverageState.Gap ? before : null;
    }

    /// <summary>The coverage of one account from the transitions before and inside the window.</summary>
    public static AccountCoverage Of(
        string accountId,
        ReportWindow window,
        DateTimeOffset now,
        Transition? before,
        IEnumerable<Transition> during,
        ComplianceStatus statusNow,
        IEnumerable<Waiver> waivers)
    {
        var timeline = new CoverageTimeline(accountId, window, now, before);
        foreach (var transition in during)
        {
            timeline.Add(transition);
        }

        return timeline.Finish(statusNow, waivers);
    }

    /// <summary>The next transition inside the window; transitions must come oldest first, as recorded.</summary>
    public void Add(Transition transition)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the timeline is already finished");
        }

        if (transition.AccountId != _accountId || transition.DetectedAt < _window.Since || transition.DetectedAt >= _window.Until)
        {
            throw new ArgumentException($"transition {transition.Version} of {transition.AccountId} at {transition.DetectedAt:O} is not this account's inside the window", nameof(transition));
        }

        if (_last is { } last && (transition.DetectedAt, transition.Version).CompareTo(last) <= 0)
        {
            throw new ArgumentException($"transition {transition.Version} at {transition.DetectedAt:O} comes after a later one: transitions must be oldest first", nameof(transition));
        }

        _last = (transition.DetectedAt, transition.Version);
        var next = StateOf(transition.To);
        if (transition.DetectedAt >= _countedUntil || next == _state)
        {
            return;
        }

        End(transition.DetectedAt, transition);
        _state = next;
        _stateFrom = transition.DetectedAt;
        _opening = next == CoverageState.Gap ? transition : null;
    }

    /// <summary>Closes the last stretch at the end of what is counted and returns the account's coverage.</summary>
    public AccountCoverage Finish(ComplianceStatus statusNow, IEnumerable<Waiver> waivers)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the timeline is already finished");
        }

        _finished = true;
        End(_countedUntil, endedBy: null);
        var sinceDay = DateOnly.FromDateTime(_window.Since.UtcDateTime);
        return new AccountCoverage(
            _accountId,
            statusNow,
            _countedUntil - _window.Since,
            Total(CoverageState.Covered),
            Total(CoverageState.Gap),
            Total(CoverageState.CouldNotEvaluate),
            Total(CoverageState.Unknown),
            _gaps,
            _spans,
            waivers.Where(w => w.AccountId == _accountId && w.Expires >= sinceDay).ToList());
    }

    private static CoverageState StateOf(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => CoverageState.Covered,
        ComplianceStatus.Fail => CoverageState.Gap,
        _ => CoverageState.CouldNotEvaluate,
    };

    // Ends the current stretch at `at`: by a transition to another state, or (endedBy null) by the end of what is counted.
    private void End(DateTimeOffset at, Transition? endedBy)
    {
        var length = at - _stateFrom;
        if (length > TimeSpan.Zero)
        {
            _spans.Add(new CoverageSpan(_state, _stateFrom, at));
            _totals[_state] = Total(_state) + length;
        }

        if (_state == CoverageState.Gap && _opening is { } opening)
        {
            DateTimeOffset? to = endedBy is not null ? at : _reachesNow ? null : _window.Until;
            var resolvedBy = endedBy?.To == ComplianceStatus.Pass ? NoticeCause.Of(endedBy.Cause) : null;
            _gaps.Add(new CoverageGap(GapKind.Coverage, _stateFrom, to, length, NoticeCause.Of(opening.Cause), resolvedBy, opening.After.Reasons));
        }
    }

    private TimeSpan Total(CoverageState state) => _totals.GetValueOrDefault(state);
}
