namespace DriftWatch.Cli.Output;

/// <summary>How a command prints its result on stdout.</summary>
internal enum OutputFormat
{
    /// <summary>A table and a verdict line for people.</summary>
    Text,

    /// <summary>One JSON document for machines.</summary>
    Json,
}
