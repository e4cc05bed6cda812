using Gateway.Endpoints.Dtos;
using Memory;
using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>
/// Validation of memory API input, with messages that name the field. The bounds are <see cref="MemoryLimits"/>'s,
/// the one source the memory service enforces too, so the endpoint refuses exactly what the service would.
/// </summary>
internal static class MemoryInputRules
{
    public static string? Check(string field, string? text, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata, bool textRequired = true) =>
        Check(field, text, MemoryLimits.MaxTextLength, context, confidence, sources, metadata, textRequired);

    /// <summary>An observation is a conversation turn, not a memory: its text may be as long as <see cref="MemoryLimits.MaxObservationLength"/>.</summary>
    public static string? CheckObservation(string field, string? text, string? context, List<string>? sources) =>
        Check(field, text, MemoryLimits.MaxObservationLength, context, null, sources, null, textRequired: true);

    private static string? Check(string field, string? text, int maxTextLength, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata, bool textRequired)
    {
        if (text is null)
        {
            return textRequired ? $"{field}.text is required." : null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{field}.text must not be empty.";
        }

        if (text.Length > maxTextLength)
        {
            return $"{field}.text is longer than {maxTextLength} characters.";
        }

        return CheckRest(field, context, confidence, sources, metadata);
    }

    public static string? CheckRest(string field, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata)
    {
        if (context is not null && !IsValidContext(context))
        {
            return $"{field}.context must be 1-{MemoryLimits.MaxContextLength} characters without control characters.";
        }

        if (confidence is { } c && (double.IsNaN(c) || c < 0 || c > 1))
        {
            return $"{field}.confidence must be between 0 and 1.";
        }

        if (sources is not null && (sources.Count > MemoryLimits.MaxSources || sources.Any(s => string.IsNullOrEmpty(s) || s.Length > MemoryLimits.MaxSourceLength)))
        {
            return $"{field}.sources must be at most {MemoryLimits.MaxSources} non-empty strings of at most {MemoryLimits.MaxSourceLength} characters.";
        }

        if (metadata is not null && (metadata.Count > MemoryLimits.MaxMetadataEntries || metadata.Any(kv => kv.Key.Length == 0 || kv.Key.Length > MemoryLimits.MaxMetadataKeyLength || kv.Value is null || kv.Value.Length > MemoryLimits.MaxMetadataValueLength)))
        {
            return $"{field}.metadata must be at most {MemoryLimits.MaxMetadataEntries} string entries (keys up to {MemoryLimits.MaxMetadataKeyLength}, values up to {MemoryLimits.MaxMetadataValueLength} characters).";
        }

        return null;
    }

    public static bool IsValidContext(string context) =>
        context.Trim().Length is > 0 and <= MemoryLimits.MaxContextLength && !context.Any(char.IsControl);

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
