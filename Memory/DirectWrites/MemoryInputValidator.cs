using Memory.Model;

namespace Memory.DirectWrites;

/// <summary>Checks what apps send against <see cref="MemoryLimits"/> and applies defaults. Messages name the field
/// and the rule, never the text.</summary>
internal static class MemoryInputValidator
{
    public static void ValidateUser(UserKey user)
    {
        if (string.IsNullOrWhiteSpace(user.Tenant))
        {
            throw new MemoryValidationException("A tenant is required.");
        }

        if (string.IsNullOrWhiteSpace(user.UserId))
        {
            throw new MemoryValidationException("A user id is required.");
        }
    }

    public static List<PreparedMemory> PrepareWrites(IReadOnlyList<NewMemory> memories, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(memories);
        if (memories.Count > MemoryLimits.MaxMemoriesPerWrite)
        {
            throw new MemoryValidationException($"At most {MemoryLimits.MaxMemoriesPerWrite} memories can be written at once.");
        }

        var prepared = new List<PreparedMemory>(memories.Count);
        for (var i = 0; i < memories.Count; i++)
        {
            var memory = memories[i] ?? throw new MemoryValidationException($"memories[{i}] is missing.");
            var field = $"memories[{i}]";
            var text = CleanText(memory.Text, $"{field}.text");
            prepared.Add(new PreparedMemory
            {
                Text = text,
                Key = MemoryText.DedupKey(text),
                Context = memory.Context is null ? MemoryLimits.DefaultContext : CleanContext(memory.Context, $"{field}.context"),
                Confidence = memory.Confidence is { } c ? CheckConfidence(c, $"{field}.confidence") : MemoryLimits.DefaultConfidence,
                OccurredAt = memory.OccurredAt ?? now,
                Sources = CleanSources(memory.Sources, $"{field}.sources") ?? [],
                Metadata = CheckMetadata(memory.Metadata, $"{field}.metadata") ?? new Dictionary<string, string>(StringComparer.Ordinal),
            });
        }

        return prepared;
    }

    /// <summary>Validates a patch and returns it with its text and context cleaned.</summary>
    public static MemoryPatch PreparePatch(MemoryPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return patch with
        {
            Text = patch.Text is null ? null : CleanText(patch.Text, "text"),
            Context = patch.Context is null ? null : CleanContext(patch.Context, "context"),
            Confidence = patch.Confidence is { } c ? CheckConfidence(c, "confidence") : null,
            Sources = CleanSources(patch.Sources, "sources"),
            Metadata = CheckMetadata(patch.Metadata, "metadata"),
        };
    }

    public static void ValidateSearch(MemorySearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new MemoryValidationException("query must not be empty.");
        }

        if (request.Query.Length > MemoryLimits.MaxQueryLength)
        {
            throw new MemoryValidationException($"query must be at most {MemoryLimits.MaxQueryLength} characters.");
        }

        if (request.Limit is < 1 or > MemoryLimits.MaxSearchLimit)
        {
            throw new MemoryValidationException($"limit must be between 1 and {MemoryLimits.MaxSearchLimit}.");
        }

        if (request.MinConfidence is { } minConfidence)
        {
            CheckConfidence(minConfidence, "minConfidence");
        }

        if (request.MaxAgeDays is { } maxAgeDays && (double.IsNaN(maxAgeDays) || maxAgeDays < 0))
        {
            throw new MemoryValidationException("maxAgeDays must not be negative.");
        }
    }

    private static string CleanText(string? text, string field)
    {
        if (text is null)
        {
            throw new MemoryValidationException($"{field} is required.");
        }

        var cleaned = MemoryText.Clean(text);
        if (cleaned.Length == 0)
        {
            throw new MemoryValidationException($"{field} must not be empty.");
        }

        if (cleaned.Length > MemoryLimits.MaxTextLength)
        {
            throw new MemoryValidationException($"{field} must be at most {MemoryLimits.MaxTextLength} characters.");
        }

        return cleaned;
    }

    private static string CleanContext(string context, string field)
    {
        var cleaned = context.Trim();
        if (cleaned.Length == 0 || cleaned.Length > MemoryLimits.MaxContextLength)
        {
            throw new MemoryValidationException($"{field} must be 1 to {MemoryLimits.MaxContextLength} characters.");
        }

        return cleaned;
    }

    private static double CheckConfidence(double confidence, string field)
    {
        if (double.IsNaN(confidence) || confidence is < 0 or > 1)
        {
            throw new MemoryValidationException($"{field} must be between 0 and 1.");
        }

        return confidence;
    }

    private static List<string>? CleanSources(IReadOnlyList<string>? sources, string field)
    {
        if (sources is null)
        {
            return null;
        }

        if (sources.Count > MemoryLimits.MaxSources)
        {
            throw new MemoryValidationException($"{field} may hold at most {MemoryLimits.MaxSources} entries.");
        }

        var cleaned = new List<string>(sources.Count);
        foreach (var source in sources)
        {
            if (string.IsNullOrWhiteSpace(source) || source.Length > MemoryLimits.MaxSourceLength)
            {
                throw new MemoryValidationException($"{field} entries must be 1 to {MemoryLimits.MaxSourceLength} characters.");
            }

            if (!cleaned.Contains(source, StringComparer.Ordinal))
            {
                cleaned.Add(source);
            }
        }

        return cleaned;
    }

    private static Dictionary<string, string>? CheckMetadata(IReadOnlyDictionary<string, string>? metadata, string field)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Count > MemoryLimits.MaxMetadataEntries)
        {
            throw new MemoryValidationException($"{field} may hold at most {MemoryLimits.MaxMetadataEntries} entries.");
        }

        var copy = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MemoryLimits.MaxMetadataKeyLength)
            {
                throw new MemoryValidationException($"{field} keys must be 1 to {MemoryLimits.MaxMetadataKeyLength} characters.");
            }

            if (value is null || value.Length > MemoryLimits.MaxMetadataValueLength)
            {
                throw new MemoryValidationException($"{field} values must be at most {MemoryLimits.MaxMetadataValueLength} characters.");
            }

            copy[key] = value;
        }

        return copy;
    }
}
