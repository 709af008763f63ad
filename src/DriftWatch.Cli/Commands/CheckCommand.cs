using System.CommandLine;
using DriftWatch.Cli.Check;
using DriftWatch.Cli.Output;
using DriftWatch.Core;
using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Commands;

/// <summary>`driftwatch check`: evaluates the caller's account once and exits 0 (pass), 1 (fail), 2 (could not evaluate) or 64 (usage).</summary>
internal static class CheckCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var region = new Option<string?>("--region")
        {
            Description = "Region to read CloudTrail from (default: DriftWatch:Aws:Region, AWS_REGION, then the AWS profile).",
        };
        region.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !AwsIds.IsRegion(value))
            {
                result.AddError($"--region: '{InertText.Of(value)}' is not a region name such as eu-west-1.");
            }
        });

        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format on stdout.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");

        var exceptions = new Option<string?>("--exceptions")
        {
            Description = "Documented exceptions file (default: DriftWatch:Check:ExceptionsFile).",
        };

        var account = AccountOption.Create("Account to check (12 digits), read through arn:aws:iam::ACCOUNT:role/DriftWatch:Accounts:RoleName (default: the caller's).");

        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Debug logs and a summary of API calls and timing on stderr.",
        };

        var command = new Command("check", "Check that CloudTrail logs read and write management events in every region.")
        {
            region,
            output,
            exceptions,
            verbose,
            account,
        };
        command.SetAction((parsed, cancellationToken) => CheckExecution.RunAsync(
            new CheckOptions(
                parsed.GetValue(region),
                parsed.GetValue(output) == "json" ? OutputFormat.Json : OutputFormat.Text,
                parsed.GetValue(exceptions),
                parsed.GetValue(verbose),
                parsed.GetValue(account)),
            cancellationToken));
        return command;
    }
}
