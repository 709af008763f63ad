namespace DriftWatch.Aws.Tests.Support;

/// <summary>A scripted answer of the fake AWS endpoint.</summary>
public sealed record FakeReply(
    int Status,
    string Body,
    string ContentType = "application/x-amz-json-1.1",
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan Delay = default)
{
    /// <summary>200 with a JSON body.</summary>
    public static FakeReply Ok(string body = "{}") => new(200, body);

    /// <summary>A JSON 1.1 error as AWS sends it.</summary>
    public static FakeReply Error(int status, string type, string message = "failed") =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");
}
