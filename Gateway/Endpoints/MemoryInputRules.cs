using Gateway.Endpoints.Dtos;
using Gateway.OpenAI;
using Memory;
using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>A refused input: the message names the field, <see cref="Param"/> is the field's path (OpenAI's
/// <c>param</c>, e.g. <c>memories[1].confidence</c>).</summary>
internal sealed record InputProblem(string Message, string Param)
{
    public IResult ToResult(string code) => OpenAIError.BadRequest(Message, code, Param);
}

/// <summary>
/// Validation of memory API input, with messages that name the field. The bounds are <see cref="MemoryLimits"/>'s,
/// the one source the memory service enforces too, so the endpoint refuses exactly what the service would.
/// </summary>
internal static class MemoryInputRules
{
    public static InputProblem? Check(string field, string? text, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata, bool textRequired = true) =>
        Check(field, text, MemoryLimits.MaxTextLength, context, confidence, sources, metadata, textRequired, memoryText: true);

    /// <summary>An observation is a conversation turn, not a memory: its text may be as long as <see cref="MemoryLimits.MaxObservationLength"/>.</summary>
    public static InputProblem? CheckObservation(string field, string? text, string? context, List<string>? sources) =>
        Check(field, text, MemoryLimits.MaxObservationLength, context, null, sources, null, textRequired: true, memoryText: false);

    private static InputProblem? Check(string field, string? text, int maxTextLength, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata, bool textRequired, bool memoryText)
    {
        var name = Path(field, "text");
        if (text is null)
        {
            // A patch without a text still has its other fields checked here, so they are refused with their name.
            return textRequired ? new($"{name} is required.", name) : CheckRest(field, context, confidence, sources, metadata);
        }

        // Zero-width and other format characters are not text either: "\u200B" alone is as empty as "  ".
        if (text.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            return new($"{name} must not be empty.", name);
        }

        if (text.Length > maxTextLength)
        {
            return new($"{name} is longer than {maxTextLength} characters.", name);
        }

        // A memory's text is injected into prompts as it is: NUL and the other control characters (line breaks and
        // tabs aside) are never part of a statement about the user.
        if (memoryText && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return new($"{name} must not contain control characters other than line breaks and tabs.", name);
        }

        return CheckRest(field, context, confidence, sources, metadata);
    }

    public static InputProblem? CheckRest(string field, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata)
    {
        if (context is not null && !IsValidContext(context))
        {
            var name = Path(field, "context");
            return new($"{name} must be 1-{MemoryLimits.MaxContextLength} characters without control characters.", name);
        }

        if (confidence is { } c && (double.IsNaN(c) || c < 0 || c > 1))
        {
            var name = Path(field, "confidence");
            return new($"{name} must be between 0 and 1.", name);
        }

        if (sources is not null && (sources.Count > MemoryLimits.MaxSources || sources.Any(s => string.IsNullOrEmpty(s) || s.Length > MemoryLimits.MaxSourceLength)))
        {
            var name = Path(field, "sources");
            return new($"{name} must be at most {MemoryLimits.MaxSources} non-empty strings of at most {MemoryLimits.MaxSourceLength} characters.", name);
        }

        if (metadata is not null && (metadata.Count > MemoryLimits.MaxMetadataEntries || metadata.Any(kv => kv.Key.Length == 0 || kv.Key.Length > MemoryLimits.MaxMetadataKeyLength || kv.Value is null || kv.Value.Length > MemoryLimits.MaxMetadataValueLength)))
        {
            var name = Path(field, "metadata");
            return new($"{name} must be at most {MemoryLimits.MaxMetadataEntries} string entries (keys up to {MemoryLimits.MaxMetadataKeyLength}, values up to {MemoryLimits.MaxMetadataValueLength} characters).", name);
        }

        return null;
    }

    public static bool IsValidContext(string context) =>
        context.Trim().Length is > 0 and <= MemoryLimits.MaxContextLength && !context.Any(char.IsControl);

    /// <summary>A field's path under an item (<c>memories[0]</c>), or the bare field name for a request body's own fields (empty prefix).</summary>
    private static string Path(string field, string name) => field.Length == 0 ? name : $"{field}.{name}";

    public static NewMemory ToModel(NewMemoryDto dto) => new()
    {
        Text = dto.Text!.Trim(),
        Context = dto.Context?.Trim(),
        Confidence = dto.Confidence,
        OccurredAt = dto.OccurredAt,
        Sources = dto.Sources,
        Metadata = dto.Metadata,
    };
}
