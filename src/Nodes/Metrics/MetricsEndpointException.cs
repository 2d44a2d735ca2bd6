namespace Valkka.Nodes.Metrics;

/// <summary>The metrics endpoint could not start (port in use, host not bindable).</summary>
public sealed class MetricsEndpointException(string message, Exception inner) : Exception(message, inner);
