using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DriftWatch.Core;

/// <summary>
/// What an AWS account id and a region name look like, and which partition a region belongs to: the one place these
/// are decided, so that an id refused by the exceptions file is also refused on the command line and in an event.
/// </summary>
public static partial class AwsIds
{
    /// <summary>True for exactly 12 ASCII digits; anything else is refused before it reaches an ARN or a key.</summary>
    public static bool IsAccountId([NotNullWhen(true)] string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>
    /// True for a region name of any partition: us-east-1, ap-southeast-4, cn-north-1, us-gov-west-1, us-isob-east-1,
    /// eusc-de-east-1. A name AWS has not opened yet passes if it has the shape; `us-east-` or `Europe` do not.
    /// </summary>
    public static bool IsRegion([NotNullWhen(true)] string? value) => value is { Length: <= 32 } && RegionName().IsMatch(value);

    /// <summary>The partition of a region, as ARNs name it: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.</summary>
    public static string PartitionOf(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region switch
        {
            _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
            _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
            _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
            _ when region.StartsWith("eu-isoe-", StringComparison.Ordinal) => "aws-iso-e",
            _ when region.StartsWith("us-isof-", StringComparison.Ordinal) => "aws-iso-f",
            _ when region.StartsWith("eusc-", StringComparison.Ordinal) => "aws-eusc",
            _ => "aws",
        };
    }

    // The partitions' own patterns (botocore partitions.json) in one: a two-letter area, an optional gov/iso marker
    // (or the European Sovereign Cloud's eusc-<country>), a direction, a number. [0-9] and \z rather than \d and $:
    // those would also accept Arabic-Indic digits and a trailing newline.
    [GeneratedRegex(@"^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}
