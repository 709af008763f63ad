using System.Globalization;
using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// Refused calls as CloudTrail records them: the shape of a real management event that AWS answered with an error
/// (errorCode, errorMessage, no responseElements), made by an assumed role from outside, as public detonation logs of
/// CloudTrail and Organizations techniques show them. Only the fields DriftWatch reads, and those around them.
/// </summary>
public static class DeniedCalls
{
    /// <summary>The session that tries: a developer's read-only role, assumed by "mallory".</summary>
    public static string Actor(string account) => $"arn:aws:sts::{account}:assumed-role/dev-readonly/mallory";

    /// <summary>Where the attempts come from.</summary>
    public const string SourceIp = "198.51.100.23";

    /// <summary>What the attempts are made with.</summary>
    public const string UserAgent = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe sid/0d8f command/cloudtrail.stop-logging";

    /// <summary>A StopLogging of the trail, refused with AccessDenied.</summary>
    public static JsonObject StopLogging(string account, string region, string trail, string eventId) => Record(
        account, region, eventId, "cloudtrail.amazonaws.com", "StopLogging",
        new JsonObject { ["name"] = $"arn:aws:cloudtrail:{region}:{account}:trail/{trail}" },
        $"User: {Actor(account)} is not authorized to perform: cloudtrail:StopLogging on resource: arn:aws:cloudtrail:{region}:{account}:trail/{trail} because no identity-based policy allows the cloudtrail:StopLogging action");

    /// <summary>A LeaveOrganization, refused with AccessDenied; Organizations records it in us-east-1, with no request parameters.</summary>
    public static JsonObject LeaveOrganization(string account, string eventId) => Record(
        account, "us-east-1", eventId, "organizations.amazonaws.com", "LeaveOrganization", null,
        $"User: {Actor(account)} is not authorized to perform: organizations:LeaveOrganization on resource: * because no identity-based policy allows the organizations:LeaveOrganization action");

    /// <summary>The EventBridge envelope AWS wraps a record in, for the given source (aws.cloudtrail, aws.organizations).</summary>
    public static JsonObject Envelope(JsonObject detail, string source) => new()
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = source,
        ["account"] = (string?)detail["recipientAccountId"],
        ["time"] = (string?)detail["eventTime"],
        ["region"] = (string?)detail["awsRegion"],
        ["resources"] = new JsonArray(),
        ["detail"] = detail,
    };

    private static JsonObject Record(string account, string region, string eventId, string eventSource, string eventName, JsonObject? parameters, string message) => new()
    {
        ["eventVersion"] = "1.09",
        ["userIdentity"] = new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = "AROAEXAMPLEDEVREADONLY:mallory",
            ["arn"] = Actor(account),
            ["accountId"] = account,
            ["accessKeyId"] = "ASIAEXAMPLEDEVKEY0001",
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject
                {
                    ["type"] = "Role",
                    ["principalId"] = "AROAEXAMPLEDEVREADONLY",
                    ["arn"] = $"arn:aws:iam::{account}:role/dev-readonly",
                    ["accountId"] = account,
                    ["userName"] = "dev-readonly",
                },
                ["attributes"] = new JsonObject { ["creationDate"] = Now(-600), ["mfaAuthenticated"] = "false" },
            },
        },
        ["eventTime"] = Now(0),
        ["eventSource"] = eventSource,
        ["eventName"] = eventName,
        ["awsRegion"] = region,
        ["sourceIPAddress"] = SourceIp,
        ["userAgent"] = UserAgent,
        ["errorCode"] = "AccessDenied",
        ["errorMessage"] = message,
        ["requestParameters"] = parameters,
        ["responseElements"] = null,
        ["requestID"] = "5d1e0c2a-7f3b-4c8e-9a61-2b4d6f8e0a13",
        ["eventID"] = eventId,
        ["readOnly"] = false,
        ["eventType"] = "AwsApiCall",
        ["managementEvent"] = true,
        ["recipientAccountId"] = account,
        ["eventCategory"] = "Management",
        ["tlsDetails"] = new JsonObject
        {
            ["tlsVersion"] = "TLSv1.3",
            ["cipherSuite"] = "TLS_AES_128_GCM_SHA256",
            ["clientProvidedHostHeader"] = $"{eventSource.Split('.')[0]}.{region}.amazonaws.com",
        },
    };

    private static string Now(int seconds) =>
        DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
