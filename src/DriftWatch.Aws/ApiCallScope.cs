namespace DriftWatch.Aws;

/// <summary>The calls made within one async flow since <see cref="ApiCallCounter.BeginScope"/>.</summary>
public sealed class ApiCallScope : IDisposable
{
    private readonly Action<ApiCallScope?> _restore;
    private int _count;

    internal ApiCallScope(ApiCallScope? parent, Action<ApiCallScope?> restore)
    {
        Parent = parent;
        _restore = restore;
    }

    /// <summary>Calls made so far in this scope.</summary>
    public int Count => Volatile.Read(ref _count);

    internal ApiCallScope? Parent { get; }

    /// <inheritdoc />
    public void Dispose() => _restore(Parent);

    internal void Record() => Interlocked.Increment(ref _count);
}
