using Gateway.Endpoints.Dtos;
using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>Validation of memory API input, with messages that name the field.</summary>
internal static class MemoryInputRules
{
    public const int MaxTextLength = 8000;
    public const int MaxBatch = 1000;
    public const int MaxSources = 200;
    public const int MaxMetadata = 64;

    public static string? Check(string field, string? text, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata, bool textRequired = true)
    {
        if (text is null)
        {
            return textRequired ? $"{field}.text is required." : null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{field}.text must not be empty.";
        }

        if (text.Length > MaxTextLength)
        {
            return $"{field}.text is longer than {MaxTextLength} characters.";
        }

        return CheckRest(field, context, confidence, sources, metadata);
    }

    public static string? CheckRest(string field, string? context, double? confidence, List<string>? sources, Dictionary<string, string>? metadata)
    {
        if (context is not null && !IsValidContext(context))
        {
            return $"{field}.context must be 1-64 characters without control characters.";
        }

        if (confidence is { } c && (double.IsNaN(c) || c < 0 || c > 1))
        {
            return $"{field}.confidence must be between 0 and 1.";
        }

        if (sources is not null && (sources.Count > MaxSources || sources.Any(s => string.IsNullOrEmpty(s) || s.Length > 512)))
        {
            return $"{field}.sources must be at most {MaxSources} non-empty strings of at most 512 characters.";
        }

        if (metadata is not null && (metadata.Count > MaxMetadata || metadata.Any(kv => kv.Key.Length is 0 or > 128 || kv.Value is null || kv.Value.Length > 2048)))
        {
            return $"{field}.metadata must be at most {MaxMetadata} string entries (keys up to 128, values up to 2048 characters).";
        }

        return null;
    }

    public static bool IsValidContext(string context) =>
        context.Trim().Length is > 0 and <= 64 && !context.Any(char.IsControl);

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
