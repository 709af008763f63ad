using DriftWatch.Cli.Output;

namespace DriftWatch.Cli.Check;

/// <summary>What `driftwatch check` was asked to do, as parsed from the command line. Account null: the caller's own.</summary>
internal sealed record CheckOptions(string? Region, OutputFormat Output, string? ExceptionsFile, bool Verbose, string? Account = null);
