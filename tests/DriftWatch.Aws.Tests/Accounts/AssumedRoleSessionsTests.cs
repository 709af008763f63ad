using Amazon.Runtime;
using DriftWatch.Aws.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Aws.Tests.Accounts;

public sealed class AssumedRoleSessionsTests
{
    private static readonly DateTimeOffset Start = new(2025, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly ScriptedSts _sts = new();

    [Fact]
    public async Task AssumesTheConfiguredRoleInTheAccountWithTheExternalIdSessionNameAndDuration()
    {
        var sessions = Sessions(new AccountsOptions { RoleName = "Reader", ExternalId = "ext-123", SessionName = "driftwatch-w1", SessionDuration = TimeSpan.FromHours(2) });

        await sessions.GetAsync("222233334444", CancellationToken.None);

        var call = Assert.Single(_sts.Calls);
        Assert.Equal(("arn:aws:iam::222233334444:role/Reader", "driftwatch-w1", "ext-123", TimeSpan.FromHours(2)), call);
    }

    [Fact]
    public async Task ReusesASessionUntilShortlyBeforeItExpiresThenRenewsIt()
    {
        var sessions = Sessions(new AccountsOptions { RefreshBefore = TimeSpan.FromMinutes(5) });

        var first = await sessions.GetAsync("222233334444", CancellationToken.None);
        _clock.Now = Start + TimeSpan.FromMinutes(54);
        var reused = await sessions.GetAsync("222233334444", CancellationToken.None);
        _clock.Now = Start + TimeSpan.FromMinutes(55);
        var renewed = await sessions.GetAsync("222233334444", CancellationToken.None);

        Assert.Same(first, reused);
        Assert.NotSame(first, renewed);
        Assert.Equal(2, _sts.Calls.Count);
    }

    [Fact]
    public async Task KeepsOneSessionPerAccountAndSharesOneCallAmongConcurrentCallers()
    {
        var sessions = Sessions(new AccountsOptions());
        _sts.Delay = TimeSpan.FromMilliseconds(50);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => sessions.GetAsync(i % 2 == 0 ? "222233334444" : "555566667777", CancellationToken.None)));

        Assert.Equal(2, _sts.Calls.Count);
        Assert.Equal(2, sessions.AssumeRoleCalls);
    }

    [Fact]
    public async Task DoesNotRememberAFailureSoTheNextReadTriesAgain()
    {
        var sessions = Sessions(new AccountsOptions());
        _sts.FailNext = true;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sessions.GetAsync("222233334444", CancellationToken.None));
        await sessions.GetAsync("222233334444", CancellationToken.None);

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(2, _sts.Calls.Count);
    }

    private AssumedRoleSessions Sessions(AccountsOptions options) =>
        new(_sts, Microsoft.Extensions.Options.Options.Create(options), new AwsRegionResolver("eu-west-1"), _clock, NullLogger<AssumedRoleSessions>.Instance);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ScriptedSts : IRoleAssumer
    {
        public List<(string RoleArn, string SessionName, string? ExternalId, TimeSpan Duration)> Calls { get; } = [];

        public TimeSpan Delay { get; set; }

        public bool FailNext { get; set; }

        public async Task<RoleSession> AssumeAsync(string roleArn, string sessionName, string? externalId, TimeSpan duration, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((roleArn, sessionName, externalId, duration));
            }

            await Task.Delay(Delay, cancellationToken);
            if (FailNext)
            {
                FailNext = false;
                throw new AwsServiceException("STS", "AssumeRole", "AccessDenied", $"could not assume {roleArn}", System.Net.HttpStatusCode.Forbidden);
            }

            return new RoleSession(new ImmutableCredentials("AKID" + Guid.NewGuid().ToString("N")[..8], "secret", "token"), Start + TimeSpan.FromHours(1));
        }
    }
}
