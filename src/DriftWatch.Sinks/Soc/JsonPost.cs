using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly.Timeout;

namespace DriftWatch.Sinks.Soc;

/// <summary>
/// POSTs a JSON body through a sink's named client (whose handler retries) and returns the final answer. No answer at
/// all throws <see cref="SocDeliveryException"/> naming the sink and notice, never the URL.
/// </summary>
internal static class JsonPost
{
    public static async Task<(HttpStatusCode Status, string Reply)> SendAsync(
        HttpClient client, Uri url, string body, string sink, SocNotice notice, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var reply = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.StatusCode, reply);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpRequestError, not the message: the message may name the host and port.
            throw new SocDeliveryException($"{sink} could not be reached for {notice.NoticeId} ({e.HttpRequestError})");
        }
        catch (Exception e) when (e is TimeoutRejectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SocDeliveryException($"{sink} did not answer {notice.NoticeId} in time");
        }
    }
}
