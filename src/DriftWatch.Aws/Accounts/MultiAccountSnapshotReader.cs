using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// Reads any account as that account (<see cref="AccountSnapshotReader"/> over the CloudTrail client, which signs as
/// the account), and completes a member's organization trails
/// from the management account when <see cref="AccountsOptions.ManagementAccountId"/> is set:
/// <list type="bullet">
/// <item>an org trail the member lists but cannot read (status or selectors refused) is read through the management account's role;</item>
/// <item>when the member lists no org trail at all (possible in AWS for a freshly joined account, and always so in moto), the management
/// account's org trails are added, provided Organizations confirms the member is active in the organization.</item>
/// </list>
/// Whatever cannot be read or confirmed stays a ReadError on the org trail: the core then says "could not evaluate"
/// unless another trail passes, and never "non-compliant" for want of the org trail.
/// Then the destinations of the trails that would otherwise cover are added (<see cref="TrailDestinations"/>), each read as
/// the trail's owner: an organization trail's bucket through the management account.
/// </summary>
public sealed partial class MultiAccountSnapshotReader : IAccountSnapshotReader
{
    private readonly AccountSnapshotReader _reader;
    private readonly IAccountIdentity _identity;
    private readonly OrganizationDirectory _directory;
    private readonly TrailDestinations _destinations;
    private readonly AccountsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MultiAccountSnapshotReader> _logger;
    private readonly SemaphoreSlim _managementGate = new(1, 1);
    private readonly Dictionary<string, AccountSnapshot> _management = new(StringComparer.Ordinal);

    /// <summary>A reader of any account over the one-account reader, the caller identity and the organization's directory.</summary>
    public MultiAccountSnapshotReader(
        AccountSnapshotReader reader,
        IAccountIdentity identity,
        OrganizationDirectory directory,
        TrailDestinations destinations,
        IOptions<AccountsOptions> options,
        TimeProvider time,
        ILogger<MultiAccountSnapshotReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reader = reader;
        _identity = identity;
        _directory = directory;
        _destinations = destinations;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>Destinations are reused when read before (a CloudTrail event's cost stays 1 + 2×trails), read once when not.</remarks>
    public Task<AccountSnapshot> ReadAsync(string accountId, string region, CancellationToken cancellationToken) =>
        ReadAsync(accountId, region, DestinationReads.Cached, cancellationToken);

    /// <inheritdoc />
    public Task<AccountSnapshot> ReadAsync(string accountId, string region, DestinationReads destinations, CancellationToken cancellationToken) =>
        ReadAsync(accountId, region, destinations, [], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Only the account's own trails are read ahead: an organization trail of the management account is read as above.</remarks>
    public async Task<AccountSnapshot> ReadAsync(
        string accountId, string region, DestinationReads destinations, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var own = expected.Where(t => t.OwnerAccountId == accountId).ToList();
        var snapshot = await ReadTrailsAsync(accountId, region, own, cancellationToken).ConfigureAwait(false);
        return await _destinations.CompleteAsync(snapshot, destinations, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccountSnapshot> ReadTrailsAsync(string accountId, string region, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken)
    {
        if (!AwsIds.IsAccountId(accountId))
        {
            return Unreadable(accountId, region, new ReadError("ReadAccount", accountId, region, "InvalidAccountId", "not a 12-digit account id"));
        }

        try
        {
            // Learned before the read so that the read's own call count stays the CloudTrail calls it made.
            await _identity.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception)
        {
            return Unreadable(accountId, region, new ReadError("GetCallerIdentity", "caller", region, exception.ErrorCode, exception.Message));
        }

        var snapshot = await _reader.ReadAsync(accountId, region, expected, cancellationToken).ConfigureAwait(false);
        var management = _options.Management;
        if (management is null || management == accountId || snapshot.Errors.Count > 0)
        {
            return snapshot;
        }

        var listed = snapshot.Trails.Where(t => t.Trail.IsOrganization && t.Trail.OwnerAccountId == management).ToList();
        if (listed.Count > 0 && listed.All(t => t.Errors.Count == 0))
        {
            return snapshot;
        }

        var (fromManagement, calls) = await ManagementSnapshotAsync(management, region, cancellationToken).ConfigureAwait(false);
        var trails = listed.Count > 0
            ? snapshot.Trails.Select(t => ReadThroughManagement(t, management, fromManagement)).ToList()
            : [.. snapshot.Trails, .. await AddedOrganizationTrailsAsync(accountId, management, region, fromManagement, cancellationToken).ConfigureAwait(false)];
        return snapshot with { Trails = trails, ApiCalls = snapshot.ApiCalls + calls };
    }

    // A member's view of an org trail it could not read is replaced by the management account's readable view.
    private TrailSnapshot ReadThroughManagement(TrailSnapshot trail, string management, AccountSnapshot fromManagement)
    {
        if (trail.Errors.Count == 0 || !trail.Trail.IsOrganization || trail.Trail.OwnerAccountId != management)
        {
            return trail;
        }

        var read = fromManagement.Trails.FirstOrDefault(t => t.Trail.Arn == trail.Trail.Arn);
        if (read is { Errors.Count: 0 })
        {
            LogReadThroughManagement(trail.Trail.Arn, management);
            return read;
        }

        var why = read?.Errors ?? fromManagement.Errors;
        return trail with { Errors = [.. trail.Errors, .. why] };
    }

    private async Task<IReadOnlyList<TrailSnapshot>> AddedOrganizationTrailsAsync(
        string accountId, string management, string region, AccountSnapshot fromManagement, CancellationToken cancellationToken)
    {
        if (fromManagement.Errors.Count > 0)
        {
            // The management account could not be listed: an org trail may exist there, unread. Say so on a stand-in.
            var unknown = new TrailInfo($"organization trails of {management}", $"arn:{AwsIds.PartitionOf(region)}:cloudtrail:{region}:{management}:trail/*", region, IsMultiRegion: true, IsOrganization: true);
            return [new TrailSnapshot(unknown, null, null, fromManagement.Errors)];
        }

        var orgTrails = fromManagement.Trails.Where(t => t.Trail.IsOrganization).ToList();
        if (orgTrails.Count == 0 || !_options.Organization.Enabled)
        {
            // Without discovery the configured management account vouches for its members.
            return orgTrails;
        }

        ReadError? unconfirmed;
        try
        {
            var member = (await _directory.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Id == accountId);
            if (member is null || !member.IsActive)
            {
                LogNotAMember(accountId, member?.State ?? "not listed");
                return [];
            }

            return orgTrails;
        }
        catch (AwsServiceException exception)
        {
            unconfirmed = new ReadError("ListAccounts", accountId, region, exception.ErrorCode, $"could not confirm the account is in the organization: {exception.Message}");
        }

        return orgTrails.Select(t => t with { Errors = [.. t.Errors, unconfirmed] }).ToList();
    }

    // One read of the management account (failed or not) serves every member evaluation for OrganizationTrailMaxAge;
    // members evaluated meanwhile wait for that one read rather than each spending the management account's budget.
    private async Task<(AccountSnapshot Snapshot, int Calls)> ManagementSnapshotAsync(string management, string region, CancellationToken cancellationToken)
    {
        await _managementGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_management.TryGetValue(region, out var cached) && _time.GetUtcNow() - cached.ReadAt <= _options.OrganizationTrailMaxAge)
            {
                return (cached, 0);
            }

            var read = await _reader.ReadAsync(management, region, cancellationToken).ConfigureAwait(false);
            _management[region] = read;
            return (read, read.ApiCalls);
        }
        finally
        {
            _managementGate.Release();
        }
    }

    private AccountSnapshot Unreadable(string accountId, string region, ReadError error) =>
        new(accountId, region, _time.GetUtcNow(), [], [error], 0);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Organization trail {TrailArn} read through management account {ManagementAccountId}")]
    private partial void LogReadThroughManagement(string trailArn, string managementAccountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} is not an active member of the organization ({State}): its organization trails do not apply")]
    private partial void LogNotAMember(string accountId, string state);
}
