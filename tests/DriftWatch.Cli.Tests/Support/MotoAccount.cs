using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>
/// The moto account a test arranges through the real CloudTrail API, and the `driftwatch check` it runs against it.
/// </summary>
public sealed class MotoAccount(MotoFixture moto) : IDisposable
{
    /// <summary>The log bucket every trail delivers to.</summary>
    public const string Bucket = "driftwatch-test-logs";

    private readonly CloudTrailDriver _driver = new(moto.Endpoint);

    /// <summary>The account moto acts in.</summary>
    public static string Id => MotoAws.AccountId;

    /// <summary>Direct access to CloudTrail for changes beyond <see cref="TrailAsync"/>.</summary>
    public CloudTrailDriver CloudTrail => _driver;

    /// <summary>Empties moto and creates the log bucket.</summary>
    public async Task ResetAsync()
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync(Bucket);
    }

    /// <summary>Creates a trail with the given selectors (basic JSON, or advanced when given) and starts logging unless told not to.</summary>
    public async Task TrailAsync(
        string name,
        string homeRegion = "us-east-1",
        bool multiRegion = true,
        bool logging = true,
        string basicSelectors = Selectors.AllManagement,
        string? advancedSelectors = null)
    {
        await _driver.CreateTrailAsync(name, homeRegion, multiRegion, Bucket);
        if (advancedSelectors is null)
        {
            await _driver.PutEventSelectorsAsync(name, homeRegion, basicSelectorsJson: basicSelectors);
        }
        else
        {
            await _driver.PutEventSelectorsAsync(name, homeRegion, advancedSelectorsJson: advancedSelectors);
        }

        if (logging)
        {
            await _driver.StartLoggingAsync(name, homeRegion);
        }
    }

    /// <summary>Runs `driftwatch check` with AWS_REGION set to <paramref name="region"/> and the given extra arguments.</summary>
    public Task<CliResult> CheckAsync(string region, params string[] arguments) =>
        Driftwatch.RunAsync(moto.Endpoint, region, ["check", .. arguments]);

    /// <summary>Runs `driftwatch check` with extra environment variables.</summary>
    public Task<CliResult> CheckAsync(string region, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Driftwatch.RunAsync(moto.Endpoint, region, ["check", .. arguments], environment);

    /// <inheritdoc />
    public void Dispose() => _driver.Dispose();
}
