using DriftWatch.Aws.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Organizations;

/// <summary>
/// The organization's accounts, listed at most once per <c>AccountListMaxAge</c> (sweeps and membership checks share
/// one listing); concurrent callers share one ListAccounts. A failed listing is not cached and throws.
/// </summary>
public sealed partial class OrganizationDirectory
{
    private readonly IOrganizationsClient _organizations;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly ILogger<OrganizationDirectory> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<OrganizationAccount> Accounts, DateTimeOffset ListedAt)? _last;

    /// <summary>A directory over the client, reusing a listing for DriftWatch:Accounts:Organization:AccountListMaxAge.</summary>
    public OrganizationDirectory(IOrganizationsClient organizations, IOptions<AccountsOptions> options, TimeProvider time, ILogger<OrganizationDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _organizations = organizations;
        _maxAge = options.Value.Organization.AccountListMaxAge;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every account of the organization with its state.</summary>
    public async Task<IReadOnlyList<OrganizationAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && _time.GetUtcNow() - last.ListedAt < _maxAge)
            {
                return last.Accounts;
            }

            var accounts = await _organizations.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
            _last = (accounts, _time.GetUtcNow());
            LogListed(accounts.Count, accounts.Count(a => a.IsActive));
            return accounts;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organizations lists {Count} accounts, {Active} active")]
    private partial void LogListed(int count, int active);
}
