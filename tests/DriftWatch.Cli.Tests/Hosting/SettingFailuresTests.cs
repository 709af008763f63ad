using DriftWatch.Aws;
using DriftWatch.Aws.Accounts;
using DriftWatch.Cli.Hosting;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.Options;

namespace DriftWatch.Cli.Tests.Hosting;

public sealed class SettingFailuresTests
{
    // The sections come from the checks the libraries register, as at start.
    private static readonly SettingsCheck[] Checks =
    [
        SettingsCheck.For<AccountsOptions>(AccountsOptions.Section),
        SettingsCheck.For<AwsClientOptions>(AwsClientOptions.Section),
        SettingsCheck.For<OutboxOptions>(OutboxOptions.Section),
    ];

    [Theory]
    [InlineData(
        "DataAnnotation validation failed for 'AccountsOptions' members: 'CloudTrailRequestsPerSecond' with the error: 'The field CloudTrailRequestsPerSecond must be between 1 and 100.'.",
        "DriftWatch:Accounts:CloudTrailRequestsPerSecond: The field CloudTrailRequestsPerSecond must be between 1 and 100.")]
    [InlineData(
        "DataAnnotation validation failed for 'AccountsOptions' members: 'ManagementAccountId' with the error: 'ManagementAccountId must be a 12-digit account id.'.",
        "DriftWatch:Accounts:ManagementAccountId: must be a 12-digit account id.")]
    [InlineData(
        "DataAnnotation validation failed for 'AccountsOptions' members: 'Organization:AccountListMaxAge' with the error: 'Organization:AccountListMaxAge must be between 00:00:00 and 1.00:00:00'.",
        "DriftWatch:Accounts:Organization:AccountListMaxAge: must be between 00:00:00 and 1.00:00:00")]
    [InlineData(
        "CloudTrailRequestsPerSecond: The field AccountsOptions.CloudTrailRequestsPerSecond must be between 1 and 100.",
        "DriftWatch:Accounts:CloudTrailRequestsPerSecond: The field CloudTrailRequestsPerSecond must be between 1 and 100.")]
    [InlineData(
        "ManagementAccountId: AccountsOptions.ManagementAccountId must be a 12-digit account id.",
        "DriftWatch:Accounts:ManagementAccountId: must be a 12-digit account id.")]
    [InlineData(
        "Organization:AccountListMaxAge: Organization:AccountListMaxAge must be between 00:00:00 and 1.00:00:00",
        "DriftWatch:Accounts:Organization:AccountListMaxAge: must be between 00:00:00 and 1.00:00:00")]
    [InlineData("something only a custom validator says", "DriftWatch:Accounts: something only a custom validator says")]
    [InlineData("Limit: says a custom validator", "DriftWatch:Accounts: Limit: says a custom validator")]
    public void NamesTheKeyOnceThenSaysWhatIsWrong(string failure, string expected)
    {
        var line = Assert.Single(SettingFailures.Of(new OptionsValidationException("", typeof(AccountsOptions), [failure]), Checks));

        Assert.Equal(expected, line);
    }

    [Fact]
    public void AMessageThatAlreadyStartsWithTheFullKeyIsNotPrefixedAgain()
    {
        var failure = "DataAnnotation validation failed for 'OutboxOptions' members: 'MaxBackoff' with the error: 'DriftWatch:Incidents:Outbox:MaxBackoff must not be shorter than FirstBackoff'.";

        var line = Assert.Single(SettingFailures.Of(new OptionsValidationException("", typeof(OutboxOptions), [failure]), Checks));

        Assert.Equal("DriftWatch:Incidents:Outbox:MaxBackoff: must not be shorter than FirstBackoff", line);
    }

    [Fact]
    public void ReportsEveryFailureOfEveryTypeAnAggregateHolds()
    {
        var aggregate = new AggregateException(
            new OptionsValidationException("", typeof(AwsClientOptions), ["DataAnnotation validation failed for 'AwsClientOptions' members: 'MaxAttempts' with the error: 'The field MaxAttempts must be between 1 and 10.'."]),
            new OptionsValidationException("", typeof(AccountsOptions), ["DataAnnotation validation failed for 'AccountsOptions' members: 'CloudTrailRequestsPerSecond' with the error: 'x'."]));

        Assert.Equal(
            ["DriftWatch:Aws:MaxAttempts: The field MaxAttempts must be between 1 and 10.", "DriftWatch:Accounts:CloudTrailRequestsPerSecond: x"],
            SettingFailures.Of(aggregate, Checks));
    }

    [Fact]
    public void NamesAnUnreadableValueByItsKeyAndTypeWithoutTheValue()
    {
        var binding = new InvalidOperationException("Failed to convert configuration value 'tok-8c1f2a' at 'DriftWatch:Aws:TotalTimeout' to type 'System.TimeSpan'.");

        Assert.Equal(["DriftWatch:Aws:TotalTimeout: not a valid TimeSpan"], SettingFailures.Of(binding, Checks));
    }

    [Fact]
    public void AFaultIsNotABadSetting()
    {
        Assert.Empty(SettingFailures.Of(new InvalidOperationException("Unable to resolve service for type 'X'"), Checks));
    }

    [Fact]
    public void AClassWithoutACheckIsNamedByItsTypeRatherThanGuessed()
    {
        var failure = "DataAnnotation validation failed for 'AccountsOptions' members: 'ManagementAccountId' with the error: 'bad'.";

        var line = Assert.Single(SettingFailures.Of(new OptionsValidationException("", typeof(AccountsOptions), [failure]), []));

        Assert.Equal("AccountsOptions:ManagementAccountId: bad", line);
    }
}
