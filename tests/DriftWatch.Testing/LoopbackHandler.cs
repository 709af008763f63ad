namespace DriftWatch.Testing;

/// <summary>
/// Answers one request of a <see cref="LoopbackHttpServer"/>. Called concurrently, one call per request;
/// <paramref name="cancellationToken"/> is cancelled when the server is disposed.
/// </summary>
public delegate Task<LoopbackReply> LoopbackHandler(LoopbackRequest request, CancellationToken cancellationToken);
