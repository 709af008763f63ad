using DriftWatch.Cli.Check;
using DriftWatch.Cli.Hosting;
using DriftWatch.Cli.Records;
using DriftWatch.Cli.Watch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Cli.Tests.Hosting;

/// <summary>Every settings class a command validates names its own section, so no bad key is reported by a type name.</summary>
public sealed class SettingsSectionTests
{
    public static TheoryData<string> Commands => ["check", "watch", "records"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryValidatedSettingsClassOfACommandDeclaresTheSectionItBindsFrom(string command)
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

        var ours = StartupValidation.ValidatedOptionsTypes(services).Where(t => t.Namespace?.StartsWith("DriftWatch.", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(ours);
        // DriftWatch:Regions binds from the root section itself: its list is DriftWatch:Regions:0, :1...
        Assert.All(ours, type => Assert.Matches("^DriftWatch(:|$)", SettingsSection.Of(type)));
    }

    [Fact]
    public void ReadsTheSectionFromTheTypesOwnConstant()
    {
        Assert.Equal("DriftWatch:Accounts", SettingsSection.Of(typeof(DriftWatch.Aws.Accounts.AccountsOptions)));
        Assert.Equal("DriftWatch:Incidents:Outbox", SettingsSection.Of(typeof(DriftWatch.Worker.Outbox.OutboxOptions)));
        Assert.Null(SettingsSection.Of(typeof(string)));
    }
}
