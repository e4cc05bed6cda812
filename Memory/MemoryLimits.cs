namespace Memory;

/// <summary>Bounds on what a write may carry; beyond them a write is refused with <see cref="MemoryValidationException"/>.</summary>
public static class MemoryLimits
{
    public const int MaxTextLength = 4000;
    public const int MaxContextLength = 64;
    public const int MaxMemoriesPerWrite = 500;
    public const int MaxSources = 64;
    public const int MaxSourceLength = 512;
    public const int MaxMetadataEntries = 32;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 1024;
    public const int MaxSearchLimit = 100;
    public const int MaxQueryLength = 8000;

    /// <summary>An observation (a conversation turn sent for write-back) may be longer than a memory: memories are extracted from it.</summary>
    public const int MaxObservationLength = 8000;
    public const string DefaultContext = "chat";

    private static readonly System.Buffers.SearchValues<char> FeatureNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>A feature context's name as apps send it (<c>X-Memory-Context</c>) and as write-back may take it from
    /// an LLM: 1..<see cref="MaxContextLength"/> characters of letters, digits and <c>. _ -</c>.</summary>
    public static bool IsFeatureName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxContextLength && !value.AsSpan().ContainsAnyExcept(FeatureNameChars);
    public const double DefaultConfidence = 1.0;
}
