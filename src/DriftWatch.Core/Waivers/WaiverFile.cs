using System.Globalization;
using System.Text.RegularExpressions;

namespace DriftWatch.Core.Waivers;

/// <summary>
/// The documented exceptions, one section per account:
/// <code>
/// [123456789012]
/// regions = eu-west-1, eu-central-1
/// rationale = Workloads are pinned to the EU by contract
/// compensating-controls = SCP denies every other region; GuardDuty in all regions
/// owner = cloud-security@example.com
/// expires = 2027-06-30
/// </code>
/// A line-oriented format so that every problem can name its line.
/// </summary>
public sealed partial record WaiverFile(IReadOnlyList<Waiver> Exceptions, IReadOnlyList<WaiverFileProblem> Problems)
{
    private static readonly string[] RequiredKeys = ["regions", "rationale", "compensating-controls", "owner", "expires"];

    /// <summary>An empty file: no exception applies anywhere.</summary>
    public static WaiverFile None { get; } = new([], []);

    /// <summary>True when every line was understood.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Parses the text of an exceptions file. Never throws: problems are returned with their line.</summary>
    public static WaiverFile Parse(string text)
    {
        var exceptions = new List<Waiver>();
        var problems = new List<WaiverFileProblem>();
        Section? section = null;
        var lines = text.Split('\n');

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                Close(section, exceptions, problems);
                section = OpenSection(line, number, exceptions, problems);
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section is null)
            {
                problems.Add(new(number, "expected an account section such as [123456789012] before any setting"));
            }
            else if (eq <= 0)
            {
                problems.Add(new(number, $"expected 'key = value', found '{Clip(line)}'"));
            }
            else
            {
                section.Set(line[..eq].Trim().ToLowerInvariant(), line[(eq + 1)..].Trim(), number, problems);
            }
        }

        Close(section, exceptions, problems);
        return new WaiverFile(exceptions, problems);
    }

    /// <summary>The valid exception for an account, or null; Warning says why one on file was not applied.</summary>
    public (Waiver? Exception, string? Warning) For(string accountId, DateTimeOffset now)
    {
        var entry = Exceptions.FirstOrDefault(e => e.AccountId == accountId);
        if (entry is null)
        {
            return (null, null);
        }

        return entry.IsValidOn(now)
            ? (entry, null)
            : (null, $"the exception for account {accountId} (line {entry.Line}, owner {entry.Owner}) expired on {entry.Expires:yyyy-MM-dd} and is ignored");
    }

    private static Section? OpenSection(string line, int number, List<Waiver> done, List<WaiverFileProblem> problems)
    {
        var match = SectionHeader().Match(line);
        if (!match.Success || !AwsIds.IsAccountId(match.Groups[1].Value))
        {
            problems.Add(new(number, $"expected a 12-digit account id in brackets, found '{Clip(line)}'"));
            return null;
        }

        var account = match.Groups[1].Value;
        if (done.Any(e => e.AccountId == account))
        {
            problems.Add(new(number, $"account {account} already has an exception earlier in the file"));
        }

        return new Section(account, number);
    }

    private static void Close(Section? section, List<Waiver> exceptions, List<WaiverFileProblem> problems)
    {
        if (section is null)
        {
            return;
        }

        var missing = RequiredKeys.Where(k => !section.Values.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new(section.Line, $"the exception for account {section.Account} lacks {string.Join(", ", missing)}"));
            return;
        }

        if (section.Regions is null || section.Expires is null)
        {
            return; // Already reported on its own line.
        }

        exceptions.Add(new Waiver(
            section.Account,
            section.Regions,
            section.Values["rationale"],
            section.Values["compensating-controls"],
            section.Values["owner"],
            section.Expires.Value,
            section.Line));
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    // The bracket syntax only; whether the inside is an account id is AwsIds' call.
    [GeneratedRegex(@"^\[\s*([^\]\s]*)\s*\]\z")]
    private static partial Regex SectionHeader();

    private sealed class Section(string account, int line)
    {
        public string Account { get; } = account;

        public int Line { get; } = line;

        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<string>? Regions { get; private set; }

        public DateOnly? Expires { get; private set; }

        public void Set(string key, string value, int number, List<WaiverFileProblem> problems)
        {
            if (!RequiredKeys.Contains(key))
            {
                problems.Add(new(number, $"unknown key '{Clip(key)}' (expected one of {string.Join(", ", RequiredKeys)})"));
                return;
            }

            if (Values.ContainsKey(key))
            {
                problems.Add(new(number, $"'{key}' is set twice for account {Account}"));
                return;
            }

            if (value.Length == 0)
            {
                problems.Add(new(number, $"'{key}' is empty"));
                return;
            }

            Values[key] = value;
            if (key == "regions")
            {
                var regions = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var bad = regions.Where(r => !AwsIds.IsRegion(r)).ToList();
                if (bad.Count > 0)
                {
                    problems.Add(new(number, $"not a region name: {string.Join(", ", bad.Select(Clip))}"));
                }
                else
                {
                    Regions = regions;
                }
            }
            else if (key == "expires")
            {
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Expires = date;
                }
                else
                {
                    problems.Add(new(number, $"expires must be a date as yyyy-MM-dd, found '{Clip(value)}'"));
                }
            }
        }
    }
}
