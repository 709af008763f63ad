using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Tests.Evaluation;

/// <summary>IAM's '*' and '?' over ARNs, whole and against every object under a prefix.</summary>
public sealed class IamPatternTests
{
    [Theory]
    [InlineData("arn:aws:s3:::logs/*", "arn:aws:s3:::logs/AWSLogs/1/x", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/?/x", "arn:aws:s3:::logs/AWSLogs/1/x", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/?/x", "arn:aws:s3:::logs/AWSLogs/12/x", false)]
    [InlineData("arn:aws:s3:::logs", "arn:aws:s3:::logs/x", false)]
    [InlineData("*", "anything", true)]
    public void MatchesTheWholeTextWithStarAndQuestionMark(string pattern, string text, bool matches) =>
        Assert.Equal(matches, IamPattern.Matches(pattern, text));

    [Theory]
    [InlineData("arn:aws:s3:::logs/*", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/*", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/111111111111/*", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/*/*", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/111111111111/CloudTrail/*", false)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/111111111111/", false)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/222222222222/*", false)]
    public void CoversAPrefixOnlyWhenEveryObjectUnderItMatches(string pattern, bool covers) =>
        Assert.Equal(covers, IamPattern.CoversPrefix(pattern, "arn:aws:s3:::logs/AWSLogs/111111111111/"));

    [Theory]
    [InlineData("arn:aws:s3:::logs/AWSLogs/111111111111/CloudTrail/eu-west-1/*", true)]
    [InlineData("arn:aws:s3:::logs/*", true)]
    [InlineData("arn:aws:s3:::logs/AWSLogs/222222222222/*", false)]
    [InlineData("arn:aws:s3:::other/*", false)]
    public void OverlapsAPrefixWhenSomeObjectUnderItMatches(string pattern, bool overlaps) =>
        Assert.Equal(overlaps, IamPattern.OverlapsPrefix(pattern, "arn:aws:s3:::logs/AWSLogs/111111111111/"));

    [Fact]
    public void IgnoresCaseOnlyWhenAsked()
    {
        Assert.True(IamPattern.Matches("S3:Put*", "s3:PutObject", ignoreCase: true));
        Assert.False(IamPattern.Matches("S3:Put*", "s3:PutObject"));
    }
}
