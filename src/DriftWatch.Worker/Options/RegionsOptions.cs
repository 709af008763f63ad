using System.ComponentModel.DataAnnotations;
using DriftWatch.Core;

namespace DriftWatch.Worker.Options;

/// <summary>
/// The regions DriftWatch watches in every account (DriftWatch:Regions): each gets heartbeats and a forwarder check,
/// and a region listed here with no forwarder is a blind spot. The default is the 17 regions AWS enables in every
/// account of the aws partition; list the opt-in regions an organization enables (or another partition's) here.
/// </summary>
public sealed class RegionsOptions : IValidatableObject
{
    /// <summary>Configuration section: the list is DriftWatch:Regions:0, :1...</summary>
    public const string Section = "DriftWatch";

    /// <summary>The regions enabled by default in an account of the aws partition (opt-in not required).</summary>
    public static IReadOnlyList<string> EnabledByDefault { get; } =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "ca-central-1", "sa-east-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
        "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
    ];

    /// <summary>The regions watched; empty means <see cref="EnabledByDefault"/>.</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The regions in force, each once.</summary>
    public IReadOnlyList<string> Watched => (Regions.Count > 0 ? Regions : EnabledByDefault).Distinct(StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Regions.Any(r => !AwsIds.IsRegion(r)))
        {
            yield return new ValidationResult("Regions must list region names such as eu-west-1", [nameof(Regions)]);
        }
    }
}
