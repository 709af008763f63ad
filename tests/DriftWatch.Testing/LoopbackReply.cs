using System.Text;

namespace DriftWatch.Testing;

/// <summary>What a <see cref="LoopbackHandler"/> answers: a status, headers and a body, or a reset connection.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Bytes">The body.</param>
/// <param name="ContentType">The Content-Type, when there is a body.</param>
/// <param name="Headers">Further response headers.</param>
public sealed record LoopbackReply(
    int Status,
    byte[] Bytes,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>No answer at all: the connection is dropped, which a client sees as the server being unreachable.</summary>
    public static LoopbackReply Reset { get; } = new(0, []) { IsReset = true };

    /// <summary>True for <see cref="Reset"/>.</summary>
    public bool IsReset { get; private init; }

    /// <summary>A status with no body.</summary>
    public static LoopbackReply Empty(int status) => new(status, []);

    /// <summary>A status with a UTF-8 text body.</summary>
    public static LoopbackReply Text(int status, string body, string contentType = "text/plain; charset=utf-8", IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType, headers);
}
