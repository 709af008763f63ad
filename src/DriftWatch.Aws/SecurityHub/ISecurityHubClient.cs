namespace DriftWatch.Aws.SecurityHub;

/// <summary>
/// The Security Hub calls DriftWatch makes: import its findings (an upsert by finding <c>Id</c>) and read one back.
/// Failures throw <see cref="AwsServiceException"/>; each call is one attempt, retries are the caller's policy.
/// </summary>
public interface ISecurityHubClient
{
    /// <summary>
    /// Imports the findings (in batches of 100, the API's limit). Throws <see cref="AwsServiceException"/> when Security
    /// Hub refused any of them (FailedCount above zero), naming the refused ids, so a caller never takes a partial
    /// import for a delivery.
    /// </summary>
    Task<ImportFindingsResult> BatchImportFindingsAsync(string? region, IReadOnlyList<SecurityFinding> findings, CancellationToken cancellationToken);

    /// <summary>The finding with this product ARN and id, or null when Security Hub holds none.</summary>
    Task<SecurityFinding?> GetFindingAsync(string? region, string productArn, string id, CancellationToken cancellationToken);
}
