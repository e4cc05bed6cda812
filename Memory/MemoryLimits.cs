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
    public const double DefaultConfidence = 1.0;
}
