using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// `report --output csv`: a header, then one row per gap, accounts in order, CRLF line ends (RFC 4180). cause and
/// resolvedBy name the CloudTrail call (or "sweep"); resolvedBy is empty unless a pass ended the gap in the window;
/// to is empty while the gap is open. Times and seconds are the JSON's, to the digit.
/// </summary>
internal static class ReportCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "account,kind,from,to,durationSeconds,cause,actor,sourceIp,region,resolvedBy";

    /// <summary>Writes the report.</summary>
    public static void Write(CoverageReport report, TextWriter output)
    {
        output.Write(Header + "\r\n");
        foreach (var account in report.Accounts)
        {
            foreach (var gap in account.Gaps)
            {
                string?[] cells =
                [
                    account.AccountId,
                    gap.Kind,
                    ReportValues.Time(gap.From),
                    ReportValues.Time(gap.To),
                    ReportValues.SecondsText(gap.Duration),
                    ReportValues.CauseName(gap.Cause),
                    gap.Cause.Actor,
                    gap.Cause.SourceIp,
                    gap.Cause.Region,
                    gap.ResolvedBy is { } by ? ReportValues.CauseName(by) : null,
                ];
                output.Write(string.Join(',', cells.Select(CsvCell.Of)) + "\r\n");
            }
        }
    }
}
