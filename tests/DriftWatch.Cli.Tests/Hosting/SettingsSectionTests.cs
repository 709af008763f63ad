using System.Reflection;
using DriftWatch.Aws;
using DriftWatch.Cli.Check;
using DriftWatch.Cli.Records;
using DriftWatch.Cli.Watch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Tests.Hosting;

/// <summary>
/// Every settings class a command validates has a <see cref="SettingsCheck"/> naming the section it binds from (its
/// own Section constant), so no bad key is reported by a type name. The CLI reads the section from the check, never
/// from the type by reflection: this test is where a forgotten check is caught.
/// </summary>
public sealed class SettingsSectionTests
{
    public static TheoryData<string> Commands => ["check", "watch", "records"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryValidatedSettingsClassOfACommandHasACheckNamingTheSectionItDeclares(string command)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        Action<IServiceCollection, IConfiguration> register = command switch
        {
            "check" => CheckExecution.Register,
            "watch" => WatchExecution.Register,
            _ => RecordsQuery.Register,
        };
        register(services, configuration);

        var validated = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("DriftWatch.", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        var checks = services.Where(d => d.ServiceType == typeof(SettingsCheck)).Select(d => (SettingsCheck)d.ImplementationInstance!).ToList();

        Assert.NotEmpty(validated);
        Assert.All(validated, type =>
        {
            var check = Assert.Single(checks.Where(c => c.OptionsType == type).DistinctBy(c => c.Section));
            Assert.Equal(DeclaredSection(type), check.Section);
            // DriftWatch:Regions binds from the root section itself: its list is DriftWatch:Regions:0, :1...
            Assert.Matches("^DriftWatch(:|$)", check.Section);
        });
    }

    private static string? DeclaredSection(Type optionsType) =>
        optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
}
