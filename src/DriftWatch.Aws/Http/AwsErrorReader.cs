using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DriftWatch.Aws.Http;

/// <summary>
/// Turns a failed JSON 1.1 reply into an error code and message: <c>__type</c> (minus any <c>namespace#</c>), else the
/// X-Amzn-ErrorType header, else a code named after the HTTP status (emulators answer some failures with HTML).
/// </summary>
internal static partial class AwsErrorReader
{
    public static (string Code, string Message) Read(HttpStatusCode status, string? errorTypeHeader, string body)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = StringProperty(document.RootElement, "__type") ?? StringProperty(document.RootElement, "code");
                message = StringProperty(document.RootElement, "message") ?? StringProperty(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // Not JSON: a query-protocol error (XML), an HTML 500 page, a proxy's error.
            (code, message) = XmlError(body);
        }

        code = Clean(code) ?? Clean(errorTypeHeader) ?? CodeForStatus(status);
        message ??= HtmlTitle(body) ?? $"HTTP {(int)status} without an error body";
        return (code, message);
    }

    // Query-protocol services (STS) answer <ErrorResponse><Error><Code/><Message/></Error></ErrorResponse>.
    private static (string? Code, string? Message) XmlError(string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            return (Child(error, "Code"), Child(error, "Message"));
        }
        catch (System.Xml.XmlException)
        {
            return (null, null);
        }

        static string? Child(XElement? parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // "aws.protocoltests#ThrottlingException" and "ThrottlingException:http://internal..." both mean ThrottlingException.
    private static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw[(raw.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        code = (colon >= 0 ? code[..colon] : code).Trim();
        return code.Length == 0 ? null : code;
    }

    private static string CodeForStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "TooManyRequestsException",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        >= HttpStatusCode.InternalServerError => "InternalFailure",
        _ => $"Http{(int)status}",
    };

    private static string? HtmlTitle(string body)
    {
        var match = TitlePattern().Match(body);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();
}
