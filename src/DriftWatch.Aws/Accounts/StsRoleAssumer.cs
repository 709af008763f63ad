using System.Globalization;
using System.Xml.Linq;
using Amazon.Runtime;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.Accounts;

/// <summary>
/// STS AssumeRole as one signed query call through the same caller as every other AWS call (its retries, timeouts and
/// counting), signed with DriftWatch's own credentials.
/// </summary>
internal sealed class StsRoleAssumer(Json11Client aws, TimeProvider time) : IRoleAssumer
{
    public async Task<RoleSession> AssumeAsync(
        string roleArn, string sessionName, string? externalId, TimeSpan duration, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters =
        [
            new("RoleArn", roleArn),
            new("RoleSessionName", sessionName),
            new("DurationSeconds", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        ];
        if (!string.IsNullOrEmpty(externalId))
        {
            parameters.Add(new("ExternalId", externalId));
        }

        XDocument reply;
        try
        {
            reply = await aws.SendQueryAsync(AwsService.Sts, "AssumeRole", "2011-06-15", parameters, null, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception)
        {
            throw Refused(roleArn, exception.ErrorCode, exception.Message, exception.StatusCode, exception);
        }
        catch (HttpRequestException exception)
        {
            // Already retried by the STS call itself: as an AWS error, the CloudTrail call waiting on these keys does not retry it again.
            throw Refused(roleArn, "ConnectionFailure", exception.Message, 0, exception);
        }
        catch (TimeoutException exception)
        {
            throw Refused(roleArn, "Timeout", exception.Message, 0, exception);
        }

        var keys = reply.Descendants().FirstOrDefault(e => e.Name.LocalName == "Credentials");
        var accessKey = Child(keys, "AccessKeyId");
        var secretKey = Child(keys, "SecretAccessKey");
        var token = Child(keys, "SessionToken");
        if (accessKey is null || secretKey is null || token is null)
        {
            throw Refused(roleArn, "MalformedResponse", "the reply holds no credentials", System.Net.HttpStatusCode.OK, null);
        }

        var expiration = DateTimeOffset.TryParse(Child(keys, "Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : time.GetUtcNow() + duration;
        return new RoleSession(new ImmutableCredentials(accessKey, secretKey, token), expiration);
    }

    private static AwsServiceException Refused(
        string roleArn, string code, string message, System.Net.HttpStatusCode status, Exception? inner) =>
        new("STS", "AssumeRole", code, $"could not assume {roleArn}: {message}", status, inner);

    private static string? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value is { Length: > 0 } value ? value : null;
}
