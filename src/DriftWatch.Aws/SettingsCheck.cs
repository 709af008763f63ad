using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws;

/// <summary>
/// One validated settings class as start-up sees it: the configuration section it binds from, and how to bind and
/// validate it alone. Each library registers one beside each options class it
/// validates, so the CLI reports every bad key by its full name ("DriftWatch:Aws:MaxAttempts") without asking the types
/// by reflection, which a Native AOT binary cannot do for members nothing else references.
/// </summary>
/// <param name="OptionsType">The options class.</param>
/// <param name="Section">The configuration section it binds from (its <c>Section</c> constant).</param>
/// <param name="Read">Binds and validates it: throws what binding or validation throws.</param>
public sealed record SettingsCheck(Type OptionsType, string Section, Action<IServiceProvider> Read)
{
    /// <summary>The check of <typeparamref name="TOptions"/>, bound from <paramref name="section"/>.</summary>
    /// <remarks>No reflection on <typeparamref name="TOptions"/>: its members would keep their validation attributes in
    /// a Native AOT binary, and [Range(typeof(TimeSpan), …)] is not trim-safe. The generated validators check them.</remarks>
    public static SettingsCheck For<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string section)
        where TOptions : class =>
        new(typeof(TOptions), section, provider => _ = provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.DefaultName));
}
