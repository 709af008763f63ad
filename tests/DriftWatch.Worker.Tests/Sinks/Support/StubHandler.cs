using System.Net;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>A receiver's scripted answers (then the last one again), for unit tests of one sink's handling of them.</summary>
public sealed class StubHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        var (status, body) = answers[Math.Min(call, answers.Length - 1)];
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }
}
