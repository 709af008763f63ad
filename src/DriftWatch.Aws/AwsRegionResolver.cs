using Amazon.Runtime;

namespace DriftWatch.Aws;

/// <summary>Picks the region for a call: the caller's, else the configured one, else the SDK chain (env, profile).</summary>
public sealed class AwsRegionResolver
{
    private readonly string? _configured;
    private readonly Lazy<string?> _fromChain = new(() => FallbackRegionFactory.GetRegionEndpoint()?.SystemName);

    /// <summary>Creates a resolver with an optional configured default.</summary>
    public AwsRegionResolver(string? configuredRegion) => _configured = Blank(configuredRegion);

    /// <summary>The region used when a caller names none.</summary>
    public string DefaultRegion => _configured ?? _fromChain.Value
        ?? throw new InvalidOperationException(
            "No AWS region: set DriftWatch:Aws:Region, AWS_REGION or a region in the AWS profile.");

    /// <summary>The requested region when given, else <see cref="DefaultRegion"/>.</summary>
    public string Resolve(string? requested = null) => Blank(requested) ?? DefaultRegion;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
