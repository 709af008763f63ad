using DriftWatch.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// What a host does at start for ValidateOnStart(), but reporting every bad setting: each settings class registered
/// with a <see cref="SettingsCheck"/> is bound and validated on its own, so one class's unreadable value (which the
/// host's own validator would throw at once) does not hide another class's failures.
/// </summary>
internal static class StartupValidation
{
    /// <summary>Every bad setting, one line each (see <see cref="SettingFailures"/>); empty when all are good.</summary>
    public static IReadOnlyList<string> Run(IServiceProvider provider)
    {
        // A library registering its options twice (AddDriftWatchAws from check and from Records) checks them once.
        var checks = provider.GetServices<SettingsCheck>().DistinctBy(check => check.OptionsType).ToList();
        var problems = new List<string>();
        foreach (var check in checks)
        {
            Collect(problems, checks, () => check.Read(provider));
        }

        if (problems.Count == 0)
        {
            // Anything validated some other way (named options) still fails here, before any AWS call.
            Collect(problems, checks, () => provider.GetService<IStartupValidator>()?.Validate());
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(List<string> problems, IReadOnlyList<SettingsCheck> checks, Action validate)
    {
        try
        {
            validate();
        }
        catch (Exception exception) when (SettingFailures.Of(exception, checks) is { Count: > 0 } failures)
        {
            problems.AddRange(failures);
        }
    }
}
