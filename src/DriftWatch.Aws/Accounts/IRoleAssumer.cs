namespace DriftWatch.Aws.Accounts;

/// <summary>STS AssumeRole. Failures throw <see cref="AwsServiceException"/> (service STS, operation AssumeRole).</summary>
internal interface IRoleAssumer
{
    Task<RoleSession> AssumeAsync(string roleArn, string sessionName, string? externalId, TimeSpan duration, CancellationToken cancellationToken);
}
