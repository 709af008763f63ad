using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Evaluation;

public sealed class DeliveryHealthTests
{
    private const string Earlier = "2026-02-27T09:00:00Z";
    private const string Later = "2026-03-01T11:00:00Z";

    private static DeliveryProblem? Of(string? attempt, string? succeeded, string? error = null) =>
        DeliveryHealth.Of(new TrailStatus(true, attempt, succeeded, error));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(" ", " ")]
    public void EmptyDeliveryFieldsAreUnknownNotFailing(string? attempt, string? succeeded)
    {
        Assert.Null(Of(attempt, succeeded, error: ""));
    }

    [Fact]
    public void AnAttemptWithoutAKnownSuccessIsUnknownNotFailing()
    {
        // What moto reports after StartLogging: the attempt time, an empty success, no error.
        Assert.Null(Of(Later, ""));
    }

    [Fact]
    public void ALatestAttemptThatIsTheLatestSuccessIsHealthy()
    {
        Assert.Null(Of(Later, Later));
    }

    [Fact]
    public void AnOldErrorFollowedByASuccessfulLatestAttemptIsHealthy()
    {
        Assert.Null(Of(Later, Later, "AccessDenied"));
    }

    [Fact]
    public void ALatestAttemptDifferingFromTheLatestSuccessIsFailingSinceThatSuccess()
    {
        var problem = Of(Later, Earlier);

        Assert.NotNull(problem);
        Assert.Equal(Earlier, problem.Since);
        Assert.Contains(Later, problem.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportedErrorIsWhyDeliveryFails()
    {
        var problem = Of(Later, Earlier, "NoSuchBucket: The specified bucket does not exist");

        Assert.NotNull(problem);
        Assert.Equal("NoSuchBucket: The specified bucket does not exist", problem.Why);
        Assert.Equal($"log delivery is failing since {Earlier}: NoSuchBucket: The specified bucket does not exist", problem.ToString());
    }

    [Fact]
    public void AnErrorWithoutAnyRecordedSuccessIsFailingSinceAnUnknownTime()
    {
        var problem = Of(Later, null, "AccessDenied");

        Assert.NotNull(problem);
        Assert.Null(problem.Since);
        Assert.Equal("log delivery is failing: AccessDenied", problem.ToString());
    }
}
