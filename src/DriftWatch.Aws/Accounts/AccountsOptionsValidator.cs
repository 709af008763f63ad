using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// <see cref="AccountsOptions"/>' data annotations and its own Validate, checked by code generated at build time
/// rather than by reflection at start (see <see cref="AwsClientOptionsValidator"/>).
/// </summary>
[OptionsValidator]
internal sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>;
