using System.Collections.Concurrent;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// One cached AssumeRole session per account, renewed <see cref="AccountsOptions.RefreshBefore"/> before it expires.
/// Concurrent callers for one account share one AssumeRole call; a failure is not cached (the next read tries again).
/// </summary>
public sealed partial class AssumedRoleSessions
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IRoleAssumer _sts;
    private readonly AccountsOptions _options;
    private readonly AwsRegionResolver _regions;
    private readonly TimeProvider _time;
    private readonly ILogger<AssumedRoleSessions> _logger;
    private int _calls;

    internal AssumedRoleSessions(
        IRoleAssumer sts, IOptions<AccountsOptions> options, AwsRegionResolver regions, TimeProvider time, ILogger<AssumedRoleSessions> logger)
    {
        _sts = sts;
        _options = options.Value;
        _regions = regions;
        _time = time;
        _logger = logger;
    }

    /// <summary>AssumeRole calls made so far (a cache hit makes none).</summary>
    public int AssumeRoleCalls => Volatile.Read(ref _calls);

    /// <summary>Keys in the account: the cached session while it has more than RefreshBefore to live, else a new one.</summary>
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

            var roleArn = _options.RoleArnFor(accountId, _regions.DefaultRegion);
            Interlocked.Increment(ref _calls);
            entry.Session = await _sts.AssumeAsync(roleArn, _options.SessionName, _options.ExternalId, _options.SessionDuration, cancellationToken)
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
        session is not null && _time.GetUtcNow() < session.Expiration - _options.RefreshBefore ? session.Credentials : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Assumed {RoleArn} until {Expiration:O}")]
    private partial void LogAssumed(string roleArn, DateTimeOffset expiration);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public RoleSession? Session { get; set; }
    }
}
