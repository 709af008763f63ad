using Microsoft.Extensions.Options;

namespace DriftWatch.Aws;

/// <summary>
/// <see cref="AwsClientOptions"/>' data annotations, checked by code generated at build time: the reflection-based
/// ValidateDataAnnotations reads them through TypeDescriptor, a large part of a cold one-shot command's start-up.
/// </summary>
[OptionsValidator]
internal sealed partial class AwsClientOptionsValidator : IValidateOptions<AwsClientOptions>;
