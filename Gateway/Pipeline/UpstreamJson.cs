using System.Text.Json;

namespace Gateway.Pipeline;

/// <summary>How an upstream's JSON is read: a property given twice is refused (the reader fails at once, where a
/// node parsed without this check throws only when first read, deep in a stage), so the guardrails never check one
/// value while the client reads the other.</summary>
internal static class UpstreamJson
{
    public static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };
}
