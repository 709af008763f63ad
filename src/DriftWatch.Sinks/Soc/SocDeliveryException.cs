namespace DriftWatch.Sinks.Soc;

/// <summary>
/// A SOC sink did not get a notice accepted; the notice stays in the outbox. The message names the sink, the notice
/// and what went wrong, never a URL, routing key or token.
/// </summary>
public sealed class SocDeliveryException(string message) : Exception(message);
