using System.CommandLine;
using DriftWatch.Core;
using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Commands;

/// <summary>The `--account` option check, history and report share: refused at parse time (exit 64) unless 12 digits.</summary>
internal static class AccountOption
{
    /// <summary>A new option (an Option belongs to one command) with the command's own description.</summary>
    public static Option<string?> Create(string description)
    {
        var account = new Option<string?>("--account") { Description = description };
        account.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !AwsIds.IsAccountId(value))
            {
                result.AddError($"--account: '{InertText.Of(value)}' is not a 12-digit account id.");
            }
        });
        return account;
    }
}
