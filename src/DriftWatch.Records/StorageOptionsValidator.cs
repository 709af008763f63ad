using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// <see cref="StorageOptions"/>' data annotations, checked by code generated at build time rather than by the
/// reflection-based ValidateDataAnnotations, which a Native AOT binary cannot run.
/// </summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
