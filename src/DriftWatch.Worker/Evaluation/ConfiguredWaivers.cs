using DriftWatch.Core.Waivers;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Evaluation;

/// <summary>The worker's documented exceptions, read once from the configured file; a malformed file stops the host.</summary>
public sealed class ConfiguredWaivers
{
    private readonly WaiverFile _file;
    private readonly ILogger<ConfiguredWaivers> _logger;

    /// <summary>Reads the configured file, if any.</summary>
    public ConfiguredWaivers(IOptions<EvaluationOptions> options, ILogger<ConfiguredWaivers> logger)
    {
        _logger = logger;
        var path = options.Value.ExceptionsFile;
        _file = string.IsNullOrWhiteSpace(path) ? WaiverFile.None : WaiverFile.Parse(File.ReadAllText(path));
        if (!_file.IsValid)
        {
            throw new InvalidOperationException($"exceptions file {path}: {string.Join("; ", _file.Problems)}");
        }
    }

    /// <summary>The valid exception for an account, warning once per evaluation when one has expired.</summary>
    public Core.Waivers.Waiver? For(string accountId, DateTimeOffset now)
    {
        var (exception, warning) = _file.For(accountId, now);
        if (warning is not null)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        return exception;
    }
}
