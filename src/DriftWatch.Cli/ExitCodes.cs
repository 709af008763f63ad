using DriftWatch.Core.Evaluation;

namespace DriftWatch.Cli;

/// <summary>The process exit codes every command shares; scripts and CI branch on them.</summary>
internal static class ExitCodes
{
    /// <summary>The control holds.</summary>
    public const int Pass = 0;

    /// <summary>The control does not hold.</summary>
    public const int Fail = 1;

    /// <summary>Could not evaluate (AWS error, no credentials, no region): never to be read as Fail.</summary>
    public const int CouldNotEvaluate = 2;

    /// <summary>Bad command line or bad input file (EX_USAGE from sysexits.h).</summary>
    public const int Usage = 64;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a verdict.</summary>
    public static int For(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => Pass,
        ComplianceStatus.Fail => Fail,
        _ => CouldNotEvaluate,
    };
}
