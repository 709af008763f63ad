namespace DriftWatch.Aws.Destinations;

/// <summary>Counts every HTTP request that passes, in the async flow that sent it.</summary>
internal sealed class CountingHandler(ApiCallCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
