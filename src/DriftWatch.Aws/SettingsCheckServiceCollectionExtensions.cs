using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws;

/// <summary>Registers a <see cref="SettingsCheck"/>.</summary>
public static class SettingsCheckServiceCollectionExtensions
{
    /// <summary>
    /// Says that <typeparamref name="TOptions"/>, bound from <paramref name="section"/>, is validated at start; call it
    /// where the options are bound and validated.
    /// </summary>
    public static IServiceCollection AddSettingsCheck<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddSingleton(SettingsCheck.For<TOptions>(section));
}
