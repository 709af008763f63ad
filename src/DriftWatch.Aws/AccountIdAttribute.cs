using System.ComponentModel.DataAnnotations;
using DriftWatch.Core;

namespace DriftWatch.Aws;

/// <summary>A setting that, when set (empty is unset), must be an account id as <see cref="AwsIds.IsAccountId"/> decides.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AccountIdAttribute() : ValidationAttribute("{0} must be a 12-digit account id.")
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null or "" || AwsIds.IsAccountId(value as string);
}
