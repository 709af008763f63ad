using System.Text;
using System.Text.Json;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The bucket policy AWS documents for a trail's log bucket: CloudTrail may read the bucket's ACL and write the
/// trail's log prefix with bucket-owner-full-control, both only on behalf of this trail (aws:SourceArn).
/// </summary>
public static class CloudTrailBucketPolicy
{
    /// <summary>The policy document, compact JSON.</summary>
    public static string For(LogWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            Statement(json, "AWSCloudTrailAclCheck", "s3:GetBucketAcl", $"arn:{write.Partition}:s3:::{write.Bucket}", write.TrailArn, acl: false);
            Statement(json, "AWSCloudTrailWrite", LogWrite.Action, write.ResourcePrefix + "*", write.TrailArn, acl: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Statement(Utf8JsonWriter json, string sid, string action, string resource, string trailArn, bool acl)
    {
        json.WriteStartObject();
        json.WriteString("Sid", sid);
        json.WriteString("Effect", "Allow");
        json.WriteStartObject("Principal");
        json.WriteString("Service", LogWrite.Principal);
        json.WriteEndObject();
        json.WriteString("Action", action);
        json.WriteString("Resource", resource);
        json.WriteStartObject("Condition");
        json.WriteStartObject("StringEquals");
        if (acl)
        {
            json.WriteString("s3:x-amz-acl", "bucket-owner-full-control");
        }

        json.WriteString("aws:SourceArn", trailArn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
