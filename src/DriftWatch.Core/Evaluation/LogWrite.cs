namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The write CloudTrail makes for a trail: cloudtrail.amazonaws.com calls s3:PutObject on objects under
/// ObjectPrefix (<c>[S3KeyPrefix/]AWSLogs/&lt;account&gt;/</c>) of Bucket, on behalf of TrailArn in SourceAccount.
/// </summary>
public sealed record LogWrite(string Partition, string Bucket, string ObjectPrefix, string TrailArn, string SourceAccount)
{
    /// <summary>The service principal that delivers trail logs.</summary>
    public const string Principal = "cloudtrail.amazonaws.com";

    /// <summary>The action CloudTrail delivers with.</summary>
    public const string Action = "s3:PutObject";

    /// <summary>The ARN prefix every log object's ARN starts with.</summary>
    public string ResourcePrefix => $"arn:{Partition}:s3:::{Bucket}/{ObjectPrefix}";

    /// <summary>The object key prefix a trail's logs go under: <c>[prefix/]AWSLogs/&lt;owner&gt;/</c>.</summary>
    public static string LogPrefix(string? keyPrefix, string owner) => $"{KeyPrefixPath(keyPrefix)}AWSLogs/{owner}/";

    /// <summary>The trail's key prefix as the start of an object key: "" or "prefix/".</summary>
    public static string KeyPrefixPath(string? keyPrefix) =>
        string.IsNullOrEmpty(keyPrefix) ? "" : keyPrefix.TrimEnd('/') + "/";
}
