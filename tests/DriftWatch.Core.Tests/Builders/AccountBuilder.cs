using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Builders;

/// <summary>Builds one read of an account: the trails DescribeTrails listed, or the error that hid them.</summary>
public sealed class AccountBuilder
{
    public const string AccountId = "111111111111";
    public const string OtherAccountId = "222222222222";
    public const string Region = "us-east-1";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<TrailBuilder> trails = [];
    private readonly List<ReadError> errors = [];

    public AccountBuilder With(params TrailBuilder[] more)
    {
        trails.AddRange(more);
        return this;
    }

    public AccountBuilder DescribeTrailsFailed(string code = "AccessDeniedException")
    {
        errors.Add(new ReadError("DescribeTrails", AccountId, Region, code, "not authorized"));
        return this;
    }

    public AccountSnapshot Build() =>
        new(AccountId, Region, Now, trails.Select(t => t.Build()).ToList(), errors.ToList(), 1 + (2 * trails.Count));

    /// <summary>An account whose only trail is built by the given builder.</summary>
    public static AccountSnapshot WithOnly(TrailBuilder trail) => new AccountBuilder().With(trail).Build();
}
