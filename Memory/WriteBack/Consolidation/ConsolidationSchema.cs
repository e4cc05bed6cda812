using System.Text.Json;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Consolidation;

/// <summary>The JSON schema of the LLM consolidation answer: one decision per new fact.</summary>
internal static class ConsolidationSchema
{
    public const string Name = "memory_decisions";

    public static string Text { get; } = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["decisions"],
          "properties": {
            "decisions": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["fact", "event", "targets", "text"],
                "properties": {
                  "fact": { "type": "integer", "minimum": 0 },
                  "event": { "type": "string", "enum": ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NOOP"] },
                  "targets": { "type": "array", "items": { "type": "string" } },
                  "text": { "type": ["string", "null"], "maxLength": {{ExtractionSchema.MaxTextLength}} }
                }
              }
            }
          }
        }
        """;

    public static JsonElement Element { get; } = JsonDocument.Parse(Text).RootElement.Clone();
}
