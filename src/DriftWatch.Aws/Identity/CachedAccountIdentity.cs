namespace DriftWatch.Aws.Identity;

/// <summary>
/// The caller's account id, asked of STS once per process: the worker compares every account it reads with its own
/// (its own needs no role). A failure is not remembered, so the next caller asks again.
/// </summary>
internal sealed class CachedAccountIdentity(IAccountIdentity inner) : IAccountIdentity
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _accountId;

    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _accountId) is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _accountId ??= await inner.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
