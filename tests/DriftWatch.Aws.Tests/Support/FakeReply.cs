namespace DriftWatch.Aws.Tests.Support;

/// <summary>A scripted answer of <see cref="FakeAwsHandler"/>: a reply, a refused connection, or no answer until cancelled.</summary>
public sealed record FakeReply(
    int Status,
    string Body,
    string ContentType = "application/x-amz-json-1.1",
    IReadOnlyDictionary<string, string>? Headers = null,
    bool Hangs = false,
    bool Refused = false)
{
    /// <summary>200 with a JSON body.</summary>
    public static FakeReply Ok(string body = "{}") => new(200, body);

    /// <summary>A JSON 1.1 error as AWS sends it.</summary>
    public static FakeReply Error(int status, string type, string message = "failed") =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");

    /// <summary>No answer: the request waits until it is cancelled (a timeout, the caller).</summary>
    public static FakeReply Hang() => new(200, "", Hangs: true);

    /// <summary>The connection is refused.</summary>
    public static FakeReply Refuse() => new(0, "", Refused: true);
}
