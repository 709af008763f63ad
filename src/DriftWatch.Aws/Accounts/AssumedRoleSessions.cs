using System.Collections.Concurrent;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// One cached AssumeRole session per account, renewed <see cref="AccountsOptions.RefreshBefore"/> before it expires.
/// Concurrent callers for one account share one AssumeRole call; a failure is not cached (the next read tries again).
/// </summary>
internal sealed partial class AssumedRoleSessions(
    IRoleAssumer sts, AccountsOptions options, AwsRegionResolver regions, TimeProvider time, ILogger<AssumedRoleSessions> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>AssumeRole calls made so far (a cache hit makes none).</summary>
    public int AssumeRoleCalls => Volatile.Read(ref _calls);

    public async Task<ImmutableCredentials> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(accountId, static _ => new Entry());
        if (Usable(entry.Session) is { } cached)
        {
            return cached;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(entry.Session) is { } renewed)
            {
                return renewed;
            }

            var roleArn = options.RoleArnFor(accountId, regions.DefaultRegion);
            Interlocked.Increment(ref _calls);
            entry.Session = await sts.AssumeAsync(roleArn, options.SessionName, options.ExternalId, options.SessionDuration, cancellationToken)
                .ConfigureAwait(false);
            LogAssumed(roleArn, entry.Session.Expiration);
            return entry.Session.Credentials;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private ImmutableCredentials? Usable(RoleSession? session) =>
        session is not null && time.GetUtcNow() < session.Expiration - options.RefreshBefore ? session.Credentials : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Assumed {RoleArn} until {Expiration:O}")]
    private partial void LogAssumed(string roleArn, DateTimeOffset expiration);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public RoleSession? Session { get; set; }
    }
}
