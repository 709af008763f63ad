namespace DriftWatch.Core.Tests;

public sealed class AwsIdsTests
{
    public static TheoryData<string?, bool> AccountIds => new()
    {
        { "123456789012", true },
        { "000000000000", true },
        { "12345678901", false },
        { "1234567890123", false },
        { "12345678901a", false },
        { " 123456789012", false },
        { "123456789012\n", false },
        { "١٢٣٤٥٦٧٨٩٠١٢", false },
        { "arn:aws:iam::1:role/x", false },
        { "", false },
        { null, false },
    };

    public static TheoryData<string?, bool> Regions => new()
    {
        { "us-east-1", true },
        { "us-west-2", true },
        { "eu-west-1", true },
        { "eu-central-2", true },
        { "eu-north-1", true },
        { "ap-southeast-4", true },
        { "ap-southeast-7", true },
        { "ap-northeast-3", true },
        { "ap-east-2", true },
        { "ca-west-1", true },
        { "sa-east-1", true },
        { "af-south-1", true },
        { "me-central-1", true },
        { "il-central-1", true },
        { "mx-central-1", true },
        { "cn-north-1", true },
        { "cn-northwest-1", true },
        { "us-gov-west-1", true },
        { "us-gov-east-1", true },
        { "us-iso-east-1", true },
        { "us-isob-east-1", true },
        { "us-isof-south-1", true },
        { "eu-isoe-west-1", true },
        { "eusc-de-east-1", true },
        { "eu-west-10", true },
        { "us-east-", false },
        { "us-east", false },
        { "us-east-123", false },
        { "US-EAST-1", false },
        { "Europe", false },
        { "mars", false },
        { "eu-west-1\n", false },
        { "eu-west-1\u001b[2J", false },
        { "eu-west-١", false },
        { "e-west-1", false },
        { "", false },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(AccountIds))]
    public void AnAccountIdIsExactlyTwelveAsciiDigits(string? value, bool expected) =>
        Assert.Equal(expected, AwsIds.IsAccountId(value));

    [Theory]
    [MemberData(nameof(Regions))]
    public void ARegionNameHasTheShapeOfEveryPartitionsRegions(string? value, bool expected) =>
        Assert.Equal(expected, AwsIds.IsRegion(value));

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("il-central-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("us-isof-south-1", "aws-iso-f")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    public void ARegionBelongsToThePartitionItsArnsName(string region, string partition) =>
        Assert.Equal(partition, AwsIds.PartitionOf(region));
}
