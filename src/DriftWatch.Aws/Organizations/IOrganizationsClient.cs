namespace DriftWatch.Aws.Organizations;

/// <summary>The one Organizations read DriftWatch needs. Failures throw <see cref="AwsServiceException"/>.</summary>
public interface IOrganizationsClient
{
    /// <summary>Every account of the organization, all pages, whatever its state.</summary>
    Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken);
}
