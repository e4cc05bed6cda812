using Microsoft.Extensions.Options;

namespace Memory.Configuration;

/// <summary>Stops startup with a clear message when a memory or storage setting is out of range.</summary>
internal sealed class MemorySettingsValidator :
    IValidateOptions<MemoryOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<MemoryIndexOptions>,
    IValidateOptions<MemoryDedupOptions>,
    IValidateOptions<EmbeddingCacheOptions>,
    IValidateOptions<ReembeddingOptions>
{
    private static readonly string[] Stores = ["sqlite", "qdrant"];
    private static readonly string[] Embedders = ["minilm", "arctic", "hash", "onnx", "openai"];
    private static readonly string[] ExtractionModes = ["llm", "heuristic", "off"];

    public ValidateOptionsResult Validate(string? name, MemoryOptions options)
    {
        var errors = new List<string>();
        OneOf(errors, "Memory:Store", options.Store, Stores);
        OneOf(errors, "Memory:Embedder", options.Embedder, Embedders);
        OneOf(errors, "Memory:Extraction:Mode", options.Extraction?.Mode, ExtractionModes);
        if (options.TokenBudget is < 1 or > 100_000)
        {
            errors.Add("Memory:TokenBudget must be between 1 and 100000.");
        }

        UnitInterval(errors, "Memory:ProfileBudgetShare", options.ProfileBudgetShare);
        UnitInterval(errors, "Memory:InjectionConfidenceFloor", options.InjectionConfidenceFloor);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.Directory)
            ? ValidateOptionsResult.Fail("Storage:Directory must name a folder for the embedded stores.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, MemoryIndexOptions options) =>
        options.MaxBytes < 1024 * 1024
            ? ValidateOptionsResult.Fail("Memory:Index:MaxBytes must be at least 1048576 (1 MiB).")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, MemoryDedupOptions options) =>
        double.IsNaN(options.CosineThreshold) || options.CosineThreshold is <= 0 or > 1
            ? ValidateOptionsResult.Fail("Memory:Dedup:CosineThreshold must be greater than 0 and at most 1.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, EmbeddingCacheOptions options)
    {
        var errors = new List<string>();
        if (options.MemoryEntries < 0)
        {
            errors.Add("Memory:EmbeddingCache:MemoryEntries must not be negative.");
        }

        if (options.MaxEntries < 1)
        {
            errors.Add("Memory:EmbeddingCache:MaxEntries must be at least 1.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, ReembeddingOptions options)
    {
        var errors = new List<string>();
        if (options.BatchSize is < 1 or > 4096)
        {
            errors.Add("Memory:Reembedding:BatchSize must be between 1 and 4096.");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add("Memory:Reembedding:Interval must be positive.");
        }

        return Result(errors);
    }

    private static void OneOf(List<string> errors, string key, string? value, string[] allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key} must be one of {string.Join(", ", allowed)} (was '{value}').");
        }
    }

    private static void UnitInterval(List<string> errors, string key, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            errors.Add($"{key} must be between 0 and 1.");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
