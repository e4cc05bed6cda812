using Memory.Model;

namespace Memory.DirectWrites;

/// <summary>How a write merges into the current memory it duplicates.
/// <list type="bullet">
/// <item>text (<see cref="WordingChoice"/>): same normalised text, or an incoming text with fewer details, keeps the
/// stored wording; a paraphrase with the same details keeps the longer wording; a refinement (every stored detail
/// kept, more added) takes the incoming wording (and its vector).</item>
/// <item>sources: union, stored ones first.</item>
/// <item>metadata: stored entries overlaid with the written ones.</item>
/// <item>confidence: a write that brings a new source is independent evidence and reinforces,
/// <c>c' = 1 - (1 - c)(1 - c_new / 2)</c> (half weight, so a weak hint nudges and one repetition never jumps to
/// certainty); without a new source it is a repetition and only raises to <c>max(c, c_new)</c>, so retried writes
/// are idempotent.</item>
/// <item>occurredAt: kept (when the fact was first seen); <c>updatedAt</c> records the reinforcement.</item>
/// </list>
/// Nothing changed means NOOP: no write, no history.</summary>
internal static class MemoryMerge
{
    public static MemoryItem Merge(MemoryItem current, PreparedMemory incoming, float[]? incomingVector, string? model, WordingChoice wording, DateTimeOffset now)
    {
        var sources = current.Sources.ToList();
        var addsSource = false;
        foreach (var source in incoming.Sources)
        {
            if (!sources.Contains(source, StringComparer.Ordinal))
            {
                sources.Add(source);
                addsSource = true;
            }
        }

        var metadata = new Dictionary<string, string>(current.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in incoming.Metadata)
        {
            metadata[key] = value;
        }

        var confidence = addsSource
            ? 1 - (1 - current.Confidence) * (1 - incoming.Confidence * 0.5)
            : Math.Max(current.Confidence, incoming.Confidence);
        confidence = Math.Clamp(Math.Max(confidence, current.Confidence), 0, 1);

        var takeText = wording switch
        {
            WordingChoice.Incoming => !string.Equals(incoming.Text, current.Text, StringComparison.Ordinal),
            WordingChoice.Longer => incoming.Text.Length > current.Text.Length,
            _ => false,
        };
        var merged = current with
        {
            Text = takeText ? incoming.Text : current.Text,
            Embedding = takeText ? incomingVector : current.Embedding,
            EmbeddingModel = takeText ? (incomingVector is null ? null : model) : current.EmbeddingModel,
            Confidence = confidence,
            Sources = sources,
            Metadata = metadata,
        };

        return HasVisibleChange(current, merged) ? merged with { UpdatedAt = now } : current;
    }

    /// <summary>The same slot with a new value: the incoming text, vector, confidence and time replace the stored
    /// ones (history keeps the old value); sources are unioned and metadata overlaid, as in a merge.</summary>
    public static MemoryItem Replace(MemoryItem current, PreparedMemory incoming, float[]? incomingVector, string? model, DateTimeOffset now)
    {
        var sources = current.Sources.ToList();
        sources.AddRange(incoming.Sources.Where(s => !sources.Contains(s, StringComparer.Ordinal)));
        var metadata = new Dictionary<string, string>(current.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in incoming.Metadata)
        {
            metadata[key] = value;
        }

        return current with
        {
            Text = incoming.Text,
            Embedding = incomingVector,
            EmbeddingModel = incomingVector is null ? null : model,
            Confidence = incoming.Confidence,
            OccurredAt = incoming.OccurredAt,
            UpdatedAt = now,
            Sources = sources,
            Metadata = metadata,
        };
    }

    public static bool HasVisibleChange(MemoryItem before, MemoryItem after) =>
        !string.Equals(before.Text, after.Text, StringComparison.Ordinal) ||
        !string.Equals(before.Context, after.Context, StringComparison.Ordinal) ||
        before.Confidence != after.Confidence ||
        before.OccurredAt != after.OccurredAt ||
        before.ValidTo != after.ValidTo ||
        !before.Sources.SequenceEqual(after.Sources, StringComparer.Ordinal) ||
        before.Metadata.Count != after.Metadata.Count ||
        before.Metadata.Any(p => !after.Metadata.TryGetValue(p.Key, out var v) || !string.Equals(v, p.Value, StringComparison.Ordinal));
}
