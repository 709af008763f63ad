using Microsoft.Extensions.Options;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// <see cref="DestinationOptions"/>' data annotations, checked by code generated at build time rather than by
/// reflection at start (see <see cref="AwsClientOptionsValidator"/>).
/// </summary>
[OptionsValidator]
internal sealed partial class DestinationOptionsValidator : IValidateOptions<DestinationOptions>;
