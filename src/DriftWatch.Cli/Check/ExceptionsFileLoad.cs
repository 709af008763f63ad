using DriftWatch.Core.Exceptions;

namespace DriftWatch.Cli.Check;

/// <summary>An exceptions file as loaded: usable only when Problems is empty.</summary>
internal sealed record ExceptionsFileLoad(ExceptionsFile File, IReadOnlyList<string> Problems);
