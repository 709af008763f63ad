namespace DriftWatch.Sinks;

/// <summary>The webhook did not accept a notice within its attempts. The message never contains the URL.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
