namespace DriftWatch.Aws;

/// <summary>
/// Counts every HTTP call (each retry included) the AWS clients make, in total and per scope: a scope follows the async
/// flow, so one reader invocation counts its own calls even while other invocations run concurrently.
/// </summary>
public sealed class ApiCallCounter
{
    private readonly AsyncLocal<ApiCallScope?> _current = new();
    private long _total;

    /// <summary>Every call made through clients sharing this counter.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Starts counting the calls made from this async flow until the scope is disposed.</summary>
    public ApiCallScope BeginScope()
    {
        var scope = new ApiCallScope(_current.Value, s => _current.Value = s);
        _current.Value = scope;
        return scope;
    }

    internal void Record()
    {
        Interlocked.Increment(ref _total);
        for (var scope = _current.Value; scope is not null; scope = scope.Parent)
        {
            scope.Record();
        }
    }
}
