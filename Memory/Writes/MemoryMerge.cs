using Memory.Model;

namespace Memory.Writes;

/// <summary>How a write merges into the current memory it duplicates.
/// <list type="bullet">
/// <item>text: same normalised text keeps the stored wording; a near-duplicate (cosine) keeps the longer, more
/// specific wording (and its vector).</item>
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
    public static MemoryItem Merge(MemoryItem current, PreparedMemory incoming, float[]? incomingVector, string? model, bool sameText, DateTimeOffset now)
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

        var takeText = !sameText && incoming.Text.Length > current.Text.Length;
        var merged = current with
        {
            Text = takeText ? incoming.Text : current.Text,
            Embedding = takeText && incomingVector is not null ? incomingVector : current.Embedding,
            EmbeddingModel = takeText && incomingVector is not null ? model : current.EmbeddingModel,
            Confidence = confidence,
            Sources = sources,
            Metadata = metadata,
        };

        return HasVisibleChange(current, merged) ? merged with { UpdatedAt = now } : current;
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
