using DriftWatch.Aws;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace DriftWatch.Sinks.SecurityHub;

/// <summary>
/// Imports every notice into Security Hub as an ASFF finding in the worker's own account (BatchImportFindings only
/// takes findings for the calling account with its default product); the account the incident is about is the
/// finding's AwsAccount resource. The finding standing for (account, kind) is read first, to keep its CreatedAt and to
/// drop a redelivery older than what Security Hub already shows. A finding Security Hub did not take is a refusal.
/// </summary>
public sealed class SecurityHubIncidentSink(
    ISecurityHubClient securityHub,
    IAccountIdentity identity,
    AwsRegionResolver regions,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<SecurityHubOptions> options,
    TimeProvider time,
    ILogger<SecurityHubIncidentSink> logger) : IIncidentSink
{
    /// <summary>Name of the retry pipeline for Security Hub calls (throttling, 5xx, timeouts, connection failures).</summary>
    public const string PipelineName = "driftwatch-securityhub";

    private readonly SecurityHubOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => "securityhub";

    /// <inheritdoc />
    public bool Enabled => _options.Enabled;

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return SinkResult.Accepted;
        }

        var soc = SocNotice.Of(notice);
        var region = regions.Resolve(_options.Region);
        var pipeline = pipelines.GetPipeline(PipelineName);
        bool imported;
        try
        {
            imported = await pipeline.ExecuteAsync(
                async token =>
                {
                    var importer = await identity.GetAccountIdAsync(token);
                    var id = AsffFinding.IdFor(soc);
                    var existing = soc.Type.Effect == NoticeEffect.Informs
                        ? null
                        : await securityHub.GetFindingAsync(region, AsffFinding.ProductArn(region, importer), id, token);
                    if (AsffFinding.IsNewerThan(existing, soc))
                    {
                        return false;
                    }

                    var finding = AsffFinding.For(soc, importer, region, time.GetUtcNow(), existing);
                    await securityHub.BatchImportFindingsAsync(region, [finding], token);
                    return true;
                },
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && AwsFailure.Is(e))
        {
            // What the client threw after the pipeline's retries (or at once, for a refusal no retry fixes).
            return SinkResult.Refused($"Security Hub did not take {soc.NoticeId}: {AwsFailure.Describe(e)}");
        }

        if (imported)
        {
            logger.LogInformation("Security Hub took {NoticeType} {IncidentId} as finding {FindingId} in {Region}",
                notice.Type, notice.IncidentId, AsffFinding.IdFor(soc), region);
        }
        else
        {
            logger.LogInformation("Security Hub already shows a later state than {NoticeType} {IncidentId}; the redelivery is dropped",
                notice.Type, notice.IncidentId);
        }

        return SinkResult.Accepted;
    }

    /// <summary>Which failures are worth another attempt now; anything else waits for the outbox's next retry.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        AwsServiceException aws => (int)aws.StatusCode == 429 || (int)aws.StatusCode >= 500
            || aws.ErrorCode is "ThrottlingException" or "TooManyRequestsException" or "LimitExceededException",
        HttpRequestException or TimeoutException or TimeoutRejectedException => true,
        _ => false,
    };
}
