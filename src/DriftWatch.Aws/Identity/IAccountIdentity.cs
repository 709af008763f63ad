namespace DriftWatch.Aws.Identity;

/// <summary>Who the configured credentials belong to: the account <c>driftwatch check</c> evaluates by default.</summary>
public interface IAccountIdentity
{
    /// <summary>The 12-digit account id of the caller (STS GetCallerIdentity). Throws <see cref="AwsServiceException"/>.</summary>
    Task<string> GetAccountIdAsync(CancellationToken cancellationToken);
}
