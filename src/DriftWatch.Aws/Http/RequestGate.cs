namespace DriftWatch.Aws.Http;

/// <summary>Waits until a request to the service in the region may start (a rate limit); completes at once when it may.</summary>
internal delegate ValueTask RequestGate(AwsService service, string region, CancellationToken cancellationToken);
