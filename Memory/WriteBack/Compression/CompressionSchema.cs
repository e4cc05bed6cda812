using System.Text.Json;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Compression;

/// <summary>The JSON schema of the LLM compression answer: one denser memory for a cluster.</summary>
internal static class CompressionSchema
{
    public const string Name = "memory_summary";

    public static string Text { get; } = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["text"],
          "properties": {
            "text": { "type": "string", "minLength": 1, "maxLength": {{ExtractionSchema.MaxTextLength}} }
          }
        }
        """;

    public static JsonElement Element { get; } = JsonDocument.Parse(Text).RootElement.Clone();

    /// <summary>The summary text, or null with a reason when the answer breaks the schema.</summary>
    public static string? Parse(string? answer, out string? error)
    {
        using var document = JsonAnswer.Parse(answer, out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonAnswer.OnlyProperties(root, ["text"], ref error, "$") ||
            !JsonAnswer.TryGetString(root, "text", nullable: false, out var text, ref error, "$"))
        {
            error ??= "root is not an object";
            return null;
        }

        text = TextNormalizer.Normalize(text!);
        if (text.Length is 0 or > ExtractionSchema.MaxTextLength)
        {
            error = "$.text length out of range";
            return null;
        }

        return ExtractionAnswerParser.ThirdPerson(text);
    }
}
