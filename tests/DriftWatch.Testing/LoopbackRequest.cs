using System.Text;

namespace DriftWatch.Testing;

/// <summary>One request a <see cref="LoopbackHttpServer"/> received, with its whole body and when it had arrived.</summary>
/// <param name="Method">GET, POST, …</param>
/// <param name="PathAndQuery">The request target exactly as sent (what a proxy forwards and a SigV4 signature covers).</param>
/// <param name="Headers">Every header, names compared case-insensitively; repeated headers joined with commas.</param>
/// <param name="Bytes">The body.</param>
/// <param name="ReceivedAt">When the body had been read, on the server's clock.</param>
public sealed record LoopbackRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Bytes,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string Body => Encoding.UTF8.GetString(Bytes);

    /// <summary>The path without the query.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
