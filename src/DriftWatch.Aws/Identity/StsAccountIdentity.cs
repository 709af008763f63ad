using DriftWatch.Aws.Http;
using DriftWatch.Core;

namespace DriftWatch.Aws.Identity;

/// <summary>
/// STS GetCallerIdentity as one signed query call through the same caller as CloudTrail: no SDK client to build,
/// which is most of a cold `driftwatch check`'s identity time.
/// </summary>
internal sealed class StsAccountIdentity(Json11Client aws) : IAccountIdentity
{
    public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken)
    {
        var reply = await aws.SendQueryAsync(AwsService.Sts, "GetCallerIdentity", "2011-06-15", [], null, cancellationToken).ConfigureAwait(false);
        var account = reply.Descendants().FirstOrDefault(e => e.Name.LocalName == "Account")?.Value;
        return AwsIds.IsAccountId(account)
            ? account
            : throw new AwsServiceException("STS", "GetCallerIdentity", "MalformedResponse", "the reply names no 12-digit account", System.Net.HttpStatusCode.OK);
    }
}
