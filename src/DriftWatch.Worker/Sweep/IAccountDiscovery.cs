namespace DriftWatch.Worker.Sweep;

/// <summary>Which accounts to evaluate when all of them are due: the sweep, and the members of an organization trail.</summary>
public interface IAccountDiscovery
{
    /// <summary>The accounts, sorted, each once.</summary>
    Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken cancellationToken);
}
