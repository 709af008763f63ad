using System.ComponentModel.DataAnnotations;
using DriftWatch.Core;

namespace DriftWatch.Aws;

/// <summary>A setting that, when set (empty is unset), must be a region name as <see cref="AwsIds.IsRegion"/> decides.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RegionNameAttribute() : ValidationAttribute("{0} must be a region name such as eu-west-1.")
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null or "" || AwsIds.IsRegion(value as string);
}
