using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// What a host does at start for ValidateOnStart(), but reporting every bad setting: each validated options type is
/// bound and validated on its own, so one type's unreadable value (which the host's own validator would throw at
/// once) does not hide another type's failures.
/// </summary>
internal static class StartupValidation
{
    private static readonly MethodInfo ReadMethod =
        typeof(StartupValidation).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Every bad setting, one line each (see <see cref="SettingFailures"/>); empty when all are good.</summary>
    public static IReadOnlyList<string> Run(IServiceProvider provider, IServiceCollection services)
    {
        var problems = new List<string>();
        foreach (var optionsType in ValidatedOptionsTypes(services))
        {
            Collect(problems, () => ReadMethod.MakeGenericMethod(optionsType).Invoke(null, [provider]));
        }

        if (problems.Count == 0)
        {
            // Anything validated some other way (named options) still fails here, before any AWS call.
            Collect(problems, () => provider.GetService<IStartupValidator>()?.Validate());
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The options types something validates (ValidateDataAnnotations, Validate(...)), each once.</summary>
    public static IReadOnlyList<Type> ValidatedOptionsTypes(IServiceCollection services) =>
        services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .ToList();

    private static void Collect(List<string> problems, Action validate)
    {
        try
        {
            validate();
        }
        catch (Exception exception) when (SettingFailures.Of(Unwrapped(exception)) is { Count: > 0 } failures)
        {
            problems.AddRange(failures);
        }
    }

    private static Exception Unwrapped(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;

    private static void Read<T>(IServiceProvider provider)
        where T : class =>
        _ = provider.GetRequiredService<IOptionsMonitor<T>>().Get(Options.DefaultName);
}
