using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Builders;

/// <summary>
/// Builds one trail as the reader would have read it. Starts from a trail that passes on its own
/// (multi-region, logging, all management events, delivering); each method takes one thing away.
/// </summary>
public sealed class TrailBuilder
{
    private readonly string name;
    private readonly List<ReadError> errors = [];
    private string owner = AccountBuilder.AccountId;
    private string homeRegion = AccountBuilder.Region;
    private bool multiRegion = true;
    private bool organization;
    private TrailStatus? status = new(IsLogging: true);
    private EventSelectors? selectors = new([BasicEventSelector.AllManagementEvents], []);

    private TrailBuilder(string name) => this.name = name;

    /// <summary>The trail's ARN, as DescribeTrails reports it.</summary>
    public string Arn => $"arn:aws:cloudtrail:{homeRegion}:{owner}:trail/{name}";

    /// <summary>A trail that passes on its own.</summary>
    public static TrailBuilder Passing(string name = "main") => new(name);

    public TrailBuilder HomedIn(string region)
    {
        homeRegion = region;
        return this;
    }

    public TrailBuilder SingleRegion()
    {
        multiRegion = false;
        return this;
    }

    public TrailBuilder OrganizationTrailOf(string ownerAccountId)
    {
        organization = true;
        owner = ownerAccountId;
        return this;
    }

    public TrailBuilder NotLogging(DateTimeOffset? stoppedAt = null)
    {
        status = (status ?? new TrailStatus(false)) with { IsLogging = false, StopLoggingTime = stoppedAt };
        return this;
    }

    public TrailBuilder WithDelivery(string? attempt, string? succeeded, string? error = null)
    {
        status = (status ?? new TrailStatus(true)) with
        {
            LatestDeliveryAttemptTime = attempt,
            LatestDeliveryAttemptSucceeded = succeeded,
            LatestDeliveryError = error,
        };
        return this;
    }

    public TrailBuilder WithBasic(params BasicEventSelector[] basic)
    {
        selectors = new EventSelectors(basic, []);
        return this;
    }

    public TrailBuilder WithAdvanced(params AdvancedEventSelector[] advanced)
    {
        selectors = new EventSelectors([], advanced);
        return this;
    }

    /// <summary>GetEventSelectors returned no selector of either kind (what moto does for a new trail).</summary>
    public TrailBuilder WithNoSelectors()
    {
        selectors = new EventSelectors([], []);
        return this;
    }

    /// <summary>GetTrailStatus and GetEventSelectors both failed: nothing is known about the trail's state.</summary>
    public TrailBuilder Unreadable(string code = "AccessDeniedException")
    {
        status = null;
        selectors = null;
        errors.Add(new ReadError("GetTrailStatus", Arn, homeRegion, code, "not authorized"));
        errors.Add(new ReadError("GetEventSelectors", Arn, homeRegion, code, "not authorized"));
        return this;
    }

    public TrailSnapshot Build() =>
        new(new TrailInfo(name, Arn, homeRegion, multiRegion, organization, $"{name}-logs"), status, selectors, errors.ToList());
}
