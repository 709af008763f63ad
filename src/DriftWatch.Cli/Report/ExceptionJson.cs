using System.Globalization;
using DriftWatch.Core.Waivers;

namespace DriftWatch.Cli.Report;

/// <summary>A documented exception in force during the window.</summary>
internal sealed record ExceptionJson(
    IReadOnlyList<string> Regions,
    string Rationale,
    string CompensatingControls,
    string Owner,
    string Expires)
{
    /// <summary>Maps an exception; expires as yyyy-MM-dd, as the file writes it.</summary>
    public static ExceptionJson Of(Waiver waiver) => new(
        waiver.Regions,
        waiver.Rationale,
        waiver.CompensatingControls,
        waiver.Owner,
        waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
