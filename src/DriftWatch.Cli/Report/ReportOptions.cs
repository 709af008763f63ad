namespace DriftWatch.Cli.Report;

/// <summary>
/// What `driftwatch report` was asked for, as parsed. Since and Until null: their defaults (Until now, Since 30 days
/// before Until). Account null: every account in the records. OutFile null: stdout.
/// </summary>
internal sealed record ReportOptions(
    string? Account,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    ReportFormat Format,
    string? OutFile,
    string? ExceptionsFile)
{
    /// <summary>How far back a report reaches when --since is not given.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(30);
}
