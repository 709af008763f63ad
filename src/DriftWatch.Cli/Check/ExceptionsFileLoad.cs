using DriftWatch.Core.Waivers;

namespace DriftWatch.Cli.Check;

/// <summary>An exceptions file as loaded: usable only when Problems is empty.</summary>
internal sealed record ExceptionsFileLoad(WaiverFile File, IReadOnlyList<string> Problems);
