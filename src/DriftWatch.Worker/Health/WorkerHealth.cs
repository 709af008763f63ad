using DriftWatch.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Health;

/// <summary>
/// What the worker knows about itself, for /healthz and /readyz. The receive loop reports every receive (whether it
/// brought messages, found none, or failed); every DynamoDB call of the state store and the outbox reports whether
/// DynamoDB answered. Nothing here calls AWS: the worker's own traffic is the probe, so a health check costs no request.
/// </summary>
public sealed class WorkerHealth
{
    /// <summary>
    /// How long the receive loop may go without completing a receive and still count as alive. Long enough that a busy
    /// worker (every slot on a slow, throttled evaluation) or an AWS outage (receives fail, the loop backs off up to 30
    /// s) is never taken for a dead one and restarted for nothing; a loop that truly stopped is replaced within minutes.
    /// </summary>
    public static readonly TimeSpan LivenessWindow = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MinimumReceiveWindow = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly TimeSpan _receiveWindow;
    private readonly DateTimeOffset _started;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastTurn;
    private DateTimeOffset? _lastReceive;
    private string? _receiveFailure;
    private DateTimeOffset? _lastTablesAnswer;
    private string? _tablesFailure;

    /// <summary>Starts the clock: "alive" is measured from now until the first receive.</summary>
    public WorkerHealth(TimeProvider time, IOptions<QueueOptions> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _time = time;
        _started = time.GetUtcNow();
        // Two long-poll waits: an idle queue still answers a receive within one.
        var twoWaits = TimeSpan.FromSeconds(2 * queue.Value.WaitTimeSeconds);
        _receiveWindow = twoWaits > MinimumReceiveWindow ? twoWaits : MinimumReceiveWindow;
    }

    /// <summary>A receive returned, with messages or without.</summary>
    public void ReceiveSucceeded()
    {
        lock (_gate)
        {
            _lastTurn = _lastReceive = _time.GetUtcNow();
            _receiveFailure = null;
        }
    }

    /// <summary>A receive failed: the loop is alive, SQS is not answering it.</summary>
    public void ReceiveFailed(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_gate)
        {
            _lastTurn = _time.GetUtcNow();
            _receiveFailure = failure.GetType().Name;
        }
    }

    /// <summary>Runs one DynamoDB call and remembers whether DynamoDB answered it.</summary>
    public async Task<T> ObserveTablesAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var result = await call();
            lock (_gate)
            {
                _lastTablesAnswer = _time.GetUtcNow();
                _tablesFailure = null;
            }

            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _tablesFailure = e.GetType().Name;
            }

            throw;
        }
    }

    /// <summary>Runs one DynamoDB call that returns nothing; see <see cref="ObserveTablesAsync{T}(Func{Task{T}}, CancellationToken)"/>.</summary>
    public Task ObserveTablesAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ObserveTablesAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);
    }

    /// <summary>Alive: every background service still runs, and the receive loop turned within the liveness window.</summary>
    public HealthReport Liveness(IEnumerable<BackgroundService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var states = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            states.TryAdd(service.GetType().Name, State(service));
        }

        var problems = states.Where(s => s.Value != "running").Select(s => $"{s.Key} {s.Value}").ToList();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var quietFor = now - (_lastTurn ?? _started);
            if (quietFor > LivenessWindow)
            {
                problems.Add($"the receive loop has not turned for {(int)quietFor.TotalSeconds} s");
            }

            return new HealthReport(problems.Count == 0, problems.Count == 0 ? "alive" : "dead", problems, Age(_lastReceive, now), states);
        }
    }

    /// <summary>Ready: SQS answered the last receive, recently (two long-poll waits), and DynamoDB the last call.</summary>
    public HealthReport Readiness()
    {
        var problems = new List<string>();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_receiveFailure is { } receive)
            {
                problems.Add($"SQS: the last receive failed ({receive})");
            }
            else if (_lastReceive is not { } received)
            {
                problems.Add("SQS: no receive has completed yet");
            }
            else if (now - received > _receiveWindow)
            {
                problems.Add($"SQS: no receive completed for {(int)(now - received).TotalSeconds} s (limit {(int)_receiveWindow.TotalSeconds} s)");
            }

            if (_tablesFailure is { } tables)
            {
                problems.Add($"DynamoDB: the last call failed ({tables})");
            }
            else if (_lastTablesAnswer is null)
            {
                problems.Add("DynamoDB: no call has completed yet");
            }

            return new HealthReport(problems.Count == 0, problems.Count == 0 ? "ready" : "not ready", problems, Age(_lastReceive, now));
        }
    }

    private static string State(BackgroundService service) => service.ExecuteTask switch
    {
        null => "not started",
        { IsFaulted: true } => "failed",
        { IsCompleted: true } => "stopped",
        _ => "running",
    };

    private static double? Age(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? Math.Round((now - t).TotalSeconds, 3) : null;
}
