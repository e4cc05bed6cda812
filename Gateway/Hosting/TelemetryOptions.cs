namespace Gateway.Hosting;

/// <summary>Settings section <c>Telemetry</c>: OpenTelemetry export. Traces and metrics go to OTLP when an endpoint
/// is set here or in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "memory-gateway";
}
