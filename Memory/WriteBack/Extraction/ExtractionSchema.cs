using System.Text.Json;

namespace Memory.WriteBack.Extraction;

/// <summary>The JSON schema the LLM extraction answer must follow; sent as the response format and enforced by
/// <see cref="ExtractionAnswerParser"/> whether or not the upstream honours it.</summary>
internal static class ExtractionSchema
{
    public const string Name = "memory_facts";
    public const int MaxFacts = 50;
    public const int MaxTextLength = 300;
    public const int MaxSubjectLength = 80;

    public static string Text { get; } = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["facts"],
          "properties": {
            "facts": {
              "type": "array",
              "maxItems": {{MaxFacts}},
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["text", "category", "subject", "action", "confidence", "sources", "context"],
                "properties": {
                  "text": { "type": "string", "minLength": 1, "maxLength": {{MaxTextLength}} },
                  "category": { "type": "string", "enum": [{{string.Join(", ", FactSlots.All.Select(s => $"\"{s}\""))}}] },
                  "subject": { "type": ["string", "null"], "maxLength": {{MaxSubjectLength}} },
                  "action": { "type": "string", "enum": ["assert", "retract"] },
                  "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
                  "sources": { "type": "array", "minItems": 1, "items": { "type": "string" } },
                  "context": { "type": ["string", "null"], "maxLength": 40 }
                }
              }
            }
          }
        }
        """;

    public static JsonElement Element { get; } = JsonDocument.Parse(Text).RootElement.Clone();
}
