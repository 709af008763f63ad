using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using DriftWatch.Core.Evaluation;
using DriftWatch.Testing;

namespace DriftWatch.Campaign;

/// <summary>How an account's coverage is broken, and how it is put back: the API calls, each of which emits an event.</summary>
public enum Breakage
{
    /// <summary>StopLogging / StartLogging.</summary>
    StopLogging,

    /// <summary>DeleteTrail / CreateTrail + PutEventSelectors + StartLogging.</summary>
    DeleteTrail,

    /// <summary>UpdateTrail IsMultiRegionTrail=false / true.</summary>
    UpdateTrail,

    /// <summary>PutEventSelectors WriteOnly / All.</summary>
    PutEventSelectors,
}

/// <summary>
/// The accounts: the central account (moto's default) and the others reached with STS AssumeRole, whose keys act in
/// that account. Each has one multi-region trail homed in a seeded region. The campaign's model of each account
/// (passing, or broken in which way) is what it expects; the truth is read back from moto at the end.
/// </summary>
public sealed class Fleet : IDisposable
{
    private static readonly string[] HomeRegions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    private readonly List<Member> _members = [];

    private Fleet()
    {
    }

    /// <summary>Accounts, the central one first.</summary>
    public IReadOnlyList<Member> Members => _members;

    /// <summary>Creates the accounts' credentials and drivers (no trails yet).</summary>
    public static async Task<Fleet> CreateAsync(Uri moto, int accounts, Random random)
    {
        var fleet = new Fleet();
        using var sts = new AmazonSecurityTokenServiceClient(
            MotoAws.Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        for (var i = 0; i < accounts; i++)
        {
            var id = i == 0 ? MotoAws.AccountId : (200000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            AWSCredentials credentials = MotoAws.Credentials;
            if (i > 0)
            {
                var session = await sts.AssumeRoleAsync(new AssumeRoleRequest
                {
                    RoleArn = $"arn:aws:iam::{id}:role/campaign-operator",
                    RoleSessionName = "driftwatch-campaign",
                });
                credentials = new SessionAWSCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);
            }

            fleet._members.Add(new Member(id, $"audit-{i:D3}", HomeRegions[random.Next(HomeRegions.Length)], credentials, moto));
        }

        return fleet;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }
    }

    /// <summary>One account: its trail, its credentials, and what the campaign did to it.</summary>
    public sealed class Member(string accountId, string trail, string homeRegion, AWSCredentials credentials, Uri moto) : IDisposable
    {
        /// <summary>12-digit id.</summary>
        public string AccountId { get; } = accountId;

        /// <summary>The account's one trail.</summary>
        public string Trail { get; } = trail;

        /// <summary>Where the trail lives.</summary>
        public string HomeRegion { get; } = homeRegion;

        /// <summary>Keys that act in this account.</summary>
        public AWSCredentials Credentials { get; } = credentials;

        /// <summary>Makes real CloudTrail changes in this account.</summary>
        public CloudTrailDriver Driver { get; } = new(moto, credentials);

        /// <summary>The breakage in force, or null while the account passes.</summary>
        public Breakage? Broken { get; private set; }

        /// <summary>What the campaign expects, change after change: the first entry is the first-seen pass.</summary>
        public List<ComplianceStatus> Expected { get; } = [];

        /// <summary>When each expected status began and the calls that made it (the figures print it for an account whose record differs).</summary>
        public List<string> History { get; } = [];

        /// <summary>Bucket the trail delivers to (per account: S3 names are per account in moto).</summary>
        public string Bucket => $"driftwatch-campaign-{AccountId}";

        /// <summary>A compliant trail; returns the events CloudTrail would emit.</summary>
        public async Task<IReadOnlyList<string>> CreateAsync()
        {
            await Driver.CreateBucketAsync(Bucket);
            var calls = await CreateTrailAsync();
            Expect(ComplianceStatus.Pass, calls);
            return calls;
        }

        /// <summary>Breaks a passing account or restores a broken one; returns the API calls made (= events).</summary>
        public async Task<IReadOnlyList<string>> ToggleAsync(Random random)
        {
            if (Broken is { } broken)
            {
                var calls = await RestoreAsync(broken);
                Broken = null;
                Expect(ComplianceStatus.Pass, calls);
                return calls;
            }

            var breakage = (Breakage)random.Next(4);
            await BreakAsync(breakage);
            Broken = breakage;
            Expect(ComplianceStatus.Fail, [breakage.ToString()]);
            return [breakage.ToString()];
        }

        private void Expect(ComplianceStatus status, IReadOnlyList<string> calls)
        {
            Expected.Add(status);
            History.Add(FormattableString.Invariant($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {status} after {string.Join(", ", calls)}"));
        }

        /// <inheritdoc />
        public void Dispose() => Driver.Dispose();

        private async Task BreakAsync(Breakage breakage)
        {
            switch (breakage)
            {
                case Breakage.StopLogging:
                    await Driver.StopLoggingAsync(Trail, HomeRegion);
                    break;
                case Breakage.DeleteTrail:
                    await Driver.DeleteTrailAsync(Trail, HomeRegion);
                    break;
                case Breakage.UpdateTrail:
                    await Driver.UpdateTrailAsync(Trail, HomeRegion, multiRegion: false);
                    break;
                case Breakage.PutEventSelectors:
                    await Driver.PutEventSelectorsAsync(Trail, HomeRegion, """[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}]""");
                    break;
            }
        }

        private async Task<IReadOnlyList<string>> RestoreAsync(Breakage breakage)
        {
            switch (breakage)
            {
                case Breakage.StopLogging:
                    await Driver.StartLoggingAsync(Trail, HomeRegion);
                    return ["StartLogging"];
                case Breakage.DeleteTrail:
                    return await CreateTrailAsync();
                case Breakage.UpdateTrail:
                    await Driver.UpdateTrailAsync(Trail, HomeRegion, multiRegion: true);
                    return ["UpdateTrail"];
                default:
                    await Driver.PutEventSelectorsAsync(Trail, HomeRegion, """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");
                    return ["PutEventSelectors"];
            }
        }

        private async Task<IReadOnlyList<string>> CreateTrailAsync()
        {
            await Driver.CreateTrailAsync(Trail, HomeRegion, multiRegion: true, Bucket);
            await Driver.PutEventSelectorsAsync(Trail, HomeRegion, """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");
            await Driver.StartLoggingAsync(Trail, HomeRegion);
            return ["CreateTrail", "PutEventSelectors", "StartLogging"];
        }
    }
}
