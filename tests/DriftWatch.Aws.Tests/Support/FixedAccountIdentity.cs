using DriftWatch.Aws.Identity;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>The caller's account, known without asking STS.</summary>
public sealed class FixedAccountIdentity(string accountId) : IAccountIdentity
{
    public Task<string> GetAccountIdAsync(CancellationToken cancellationToken) => Task.FromResult(accountId);
}
