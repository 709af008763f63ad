namespace DriftWatch.Cli.Report;

/// <summary>The formats of `driftwatch report`.</summary>
internal enum ReportFormat
{
    /// <summary>A Spectre.Console summary per account, for a terminal.</summary>
    Text,

    /// <summary>The stable JSON contract.</summary>
    Json,

    /// <summary>One row per gap, RFC 4180.</summary>
    Csv,

    /// <summary>One self-contained file to attach as evidence.</summary>
    Html,
}
