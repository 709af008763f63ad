using System.Net.Http.Headers;
using System.Text;
using Polly.Timeout;

namespace DriftWatch.Sinks;

/// <summary>
/// POSTs a notice as JSON through an HTTP sink's named client (whose handler retries, see
/// <see cref="DeliveryResilience"/>) and returns the final answer, or why none came. The client's connection failures
/// and timeouts are caught here, where they are thrown, and become that reason, which never names the URL.
/// </summary>
internal static class JsonPost
{
    /// <summary>A POST of <paramref name="body"/> to <paramref name="url"/>, marked with the notice it carries.</summary>
    public static HttpRequestMessage Request(Uri url, string body, string noticeId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Carries(noticeId);
        return request;
    }

    /// <summary>Sends the request; the receiver's last answer, or the reason there was none.</summary>
    public static async Task<PostReply> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var reply = await response.Content.ReadAsStringAsync(cancellationToken);
            return new PostReply((int)response.StatusCode, reply, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            return new PostReply(0, "", DeliveryResilience.Describe(e));
        }
    }
}
