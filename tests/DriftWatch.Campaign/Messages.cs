using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DriftWatch.Campaign;

/// <summary>What one queue message is, for the figures.</summary>
public enum MessageKind
{
    /// <summary>A CloudTrail event behind a real change.</summary>
    Event,

    /// <summary>A second copy of an event (same eventID, same body).</summary>
    Duplicate,

    /// <summary>Not a CloudTrail event: belongs in the DLQ.</summary>
    Malformed,
}

/// <summary>One message to put on the queue.</summary>
/// <param name="Kind">Event, duplicate or malformed.</param>
/// <param name="Body">The queue body (the envelope EventBridge delivers, or the poison).</param>
/// <param name="Detail">For events: the CloudTrail detail, to send through PutEvents instead.</param>
/// <param name="Region">For events: where the call happened.</param>
/// <param name="ViaEventBridge">True to send through the deployed rules.</param>
/// <param name="Hostile">Actor and user agent carry control characters and ANSI escapes.</param>
public sealed record QueueMessage(MessageKind Kind, string Body, string? Detail, string? Region, bool ViaEventBridge, bool Hostile);

/// <summary>Builds events in the exact envelope moto's central rule delivers, and every kind of poison.</summary>
public static class Messages
{
    /// <summary>A marker the hostile user agent tries to forge as a log line of its own.</summary>
    public const string ForgedLine = "FORGED-LOG-LINE";

    /// <summary>Escape, bell, backspace, a forged new line, a terminal title sequence and a bidi override.</summary>
    public const string HostileUserAgent = "aws-cli/2.15 \u001b[31mred\u001b[0m \u0007\u0008\r\n" + ForgedLine + " Account 000000000000 went Fail -> Pass \u001b]0;pwned\u0007 \u202eevil";

    /// <summary>A CloudTrail "AWS API Call via CloudTrail" event for a real call in an account.</summary>
    public static QueueMessage Event(Fleet.Member member, string eventName, Random random, bool viaEventBridge, bool hostile, DateTimeOffset now)
    {
        var eventId = new Guid(Bytes(random, 16)).ToString();
        var actor = hostile
            ? $"arn:aws:iam::{member.AccountId}:user/mallory\u001b[2J\u001b[H\n{ForgedLine}"
            : $"arn:aws:iam::{member.AccountId}:user/operator-{random.Next(1, 9)}";
        var detail = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["eventSource"] = "cloudtrail.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = member.HomeRegion,
            ["eventID"] = eventId,
            ["eventTime"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["recipientAccountId"] = member.AccountId,
            ["sourceIPAddress"] = $"198.51.100.{random.Next(1, 255)}",
            ["userAgent"] = hostile ? HostileUserAgent : "aws-cli/2.15.0 Python/3.11",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = actor, ["accountId"] = member.AccountId },
            ["requestParameters"] = new JsonObject { ["name"] = member.Trail },
        };
        var envelope = new JsonObject
        {
            ["id"] = new Guid(Bytes(random, 16)).ToString(),
            ["time"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["version"] = "0",
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.cloudtrail",
            ["region"] = "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = detail.DeepClone(),
        };
        return new QueueMessage(MessageKind.Event, envelope.ToJsonString(), detail.ToJsonString(), member.HomeRegion, viaEventBridge, hostile);
    }

    /// <summary>The n-th poison message: seven kinds in turn.</summary>
    public static QueueMessage Malformed(int n, Fleet.Member member) => new(MessageKind.Malformed, (n % 7) switch
    {
        0 => "{ this is not json " + n,
        1 => "[1, 2, 3]",
        2 => """{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":"x"}}""",
        3 => $$$"""{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"StopLogging","awsRegion":"{{{member.HomeRegion}}}"}}""",
        4 => Oversized(member),
        5 => Hostile(member),
        // SQS refuses raw control characters in a body, so they travel JSON-escaped, as in any real attack.
        _ => System.Text.Json.JsonSerializer.Serialize("\u001b[2J\u001b[H\u0007 not an object \u202e " + n),
    }, null, null, false, n % 7 is 5 or 6);

    private static string Oversized(Fleet.Member member)
    {
        // A well-formed event padded past the parser's 256 KiB limit (SQS takes up to 1 MiB).
        var padding = new string('A', 300 * 1024);
        return $$$"""{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"StopLogging","awsRegion":"{{{member.HomeRegion}}}","recipientAccountId":"{{{member.AccountId}}}","userAgent":"{{{padding}}}"}}""";
    }

    private static string Hostile(Fleet.Member member)
    {
        // Right shape, control characters and ANSI escapes everywhere, and an account id that is not one.
        var account = "12345\u001b[31m678\n" + ForgedLine;
        var detail = new JsonObject
        {
            ["eventName"] = "StopLogging\u001b[0m\r\n" + ForgedLine,
            ["awsRegion"] = member.HomeRegion,
            ["recipientAccountId"] = account,
            ["userAgent"] = HostileUserAgent,
            ["userIdentity"] = new JsonObject { ["arn"] = "arn:aws:iam::1:user/\u001b]0;pwned\u0007" },
        };
        return new JsonObject
        {
            ["source"] = "aws.cloudtrail\u001b[5m",
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["detail"] = detail,
        }.ToJsonString();
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>UTF-8 size of a body.</summary>
    public static int Size(string body) => Encoding.UTF8.GetByteCount(body);
}
