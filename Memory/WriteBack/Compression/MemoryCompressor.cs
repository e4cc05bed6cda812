using System.Globalization;
using Memory.Abstractions;
using Memory.Configuration;
using Memory.Dedup;
using Memory.DirectWrites;
using Memory.Model;
using Memory.Stores;
using Memory.Text;
using Memory.WriteBack.Consolidation;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Compression;

/// <summary>Keeps a user's memory dense: when their current memories pass the count or token threshold, related
/// memories are merged (llm: a cluster summarised through <c>prompts/memory-compress.yaml</c>; heuristic:
/// near-duplicates folded into the most useful one) and, if still over, the least useful memories (lowest
/// effective confidence, which already accounts for age) are dropped, never identity or safety facts. History
/// keeps every change and sources are unioned. Work per pass is bounded.
/// <para>Lossless under the shared <see cref="DedupRule"/>: the heuristic fold only merges memories that are
/// interchangeable (same details either way round), and an LLM summary is used only when it keeps every number,
/// date, time, unit, name and negation of each memory it replaces. Summaries are asked outside the user's write
/// lock; the changes are made under it, on state read fresh under it, and a cluster that anyone changed meanwhile
/// is left alone.</para></summary>
internal sealed class MemoryCompressor(
    IMemoryStore store,
    FactEmbedder embedder,
    MemoryChangeWriter writer,
    LlmCalls llm,
    IMemoryContentGuard guard,
    UserWriteLocks locks,
    ITokenCounter? tokens,
    IOptions<MemoryOptions> memoryOptions,
    IOptions<WriteBackOptions> options,
    TimeProvider time,
    ILogger<MemoryCompressor> logger)
{
    public const string TemplateName = "memory-compress";
    private const double ClusterSimilarity = 0.75;
    private const int MaxClusterSize = 6;

    private readonly WriteBackOptions _options = options.Value;
    private readonly bool _useLlm = string.Equals(memoryOptions.Value.Extraction.Mode, "llm", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs one bounded pass; true when anything changed.</summary>
    public async Task<bool> CompressAsync(UserKey user, string? model, CancellationToken cancellationToken = default)
    {
        var snapshot = (await store.ListAsync(user, MemoryFilter.Current, cancellationToken).ConfigureAwait(false)).ToList();
        if (!OverThreshold(snapshot, 1.0))
        {
            return false;
        }

        var useLlm = _useLlm && llm.Available;
        var clusters = Clusters(snapshot, useLlm ? ClusterSimilarity : _options.NearDuplicateSimilarity, useLlm);
        var summaries = new Dictionary<List<MemoryItem>, string>();
        if (useLlm)
        {
            var asked = 0;
            foreach (var cluster in clusters)
            {
                if ((asked += cluster.Count) > Math.Max(1, _options.CompressionMaxChangesPerPass))
                {
                    break;
                }

                if (await AskSummaryAsync(cluster, model, cancellationToken).ConfigureAwait(false) is { } text)
                {
                    summaries[cluster] = text;
                }
            }
        }

        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return await ApplyAsync(user, clusters, summaries, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ApplyAsync(UserKey user, List<List<MemoryItem>> clusters, Dictionary<List<MemoryItem>, string> summaries,
        CancellationToken cancellationToken)
    {
        var current = (await store.ListAsync(user, MemoryFilter.Current, cancellationToken).ConfigureAwait(false)).ToList();
        if (!OverThreshold(current, 1.0))
        {
            return false;
        }

        var before = current.Count;
        var budget = Math.Max(1, _options.CompressionMaxChangesPerPass);
        var merged = 0;
        var now = time.GetUtcNow();

        foreach (var cluster in clusters)
        {
            if (budget <= 0 || !OverThreshold(current, _options.CompressionTargetRatio))
            {
                break;
            }

            if (!Unchanged(cluster, current))
            {
                continue;
            }

            var replaced = summaries.TryGetValue(cluster, out var text)
                ? await StoreSummaryAsync(user, cluster, text, now, cancellationToken).ConfigureAwait(false)
                : null;
            var members = cluster;
            if (replaced is null)
            {
                members = Foldable(cluster, now);
                if (members.Count < 2)
                {
                    continue;
                }

                replaced = await FoldAsync(user, members, now, cancellationToken).ConfigureAwait(false);
            }

            current.RemoveAll(m => members.Exists(c => c.Id == m.Id));
            current.Add(replaced);
            merged += members.Count - 1;
            budget -= members.Count;
        }

        var dropped = 0;
        var droppable = current
            .Where(m => !FactSlots.IsProtected(MemoryFacts.Read(m).Slot))
            .OrderBy(m => ConfidenceDecay.Effective(m, now, _options.ConfidenceHalfLifeDays, _options.DurableHalfLifeFactor))
            .ThenBy(m => m.UpdatedAt)
            .ToList();
        foreach (var victim in droppable)
        {
            if (budget <= 0 || !OverThreshold(current, _options.CompressionTargetRatio))
            {
                break;
            }

            await writer.DeleteAsync(user, victim, WriteBackActors.Compression, now, HistoryReasons.Dropped, cancellationToken).ConfigureAwait(false);
            current.Remove(victim);
            dropped++;
            budget--;
        }

        WriteBackLog.Compressed(logger, before, merged, dropped);
        return merged + dropped > 0;
    }

    /// <summary>True when every member is still current as it was read before the lock was taken.</summary>
    private static bool Unchanged(List<MemoryItem> cluster, List<MemoryItem> current) =>
        cluster.TrueForAll(m => current.Find(c => c.Id == m.Id) is { } live && live.UpdatedAt == m.UpdatedAt &&
                                string.Equals(live.Text, m.Text, StringComparison.Ordinal));

    private bool OverThreshold(List<MemoryItem> current, double ratio) =>
        current.Count > _options.CompressionMaxMemories * ratio ||
        current.Sum(m => tokens?.Count(m.Text) ?? ((m.Text.Length / 4) + 1)) > _options.CompressionMaxTokens * ratio;

    /// <summary>Groups of related memories in the same multi-valued slot, most similar first. Without an LLM to
    /// summarise them, only interchangeable memories (same details) group, so a fold loses nothing.</summary>
    private List<List<MemoryItem>> Clusters(List<MemoryItem> current, double threshold, bool summarised)
    {
        var clusters = new List<List<MemoryItem>>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var groups = current
            .GroupBy(m => MemoryFacts.Read(m).Slot ?? FactSlots.Other)
            .Where(g => !FactSlots.IsSingleValued(g.Key));
        foreach (var group in groups)
        {
            var members = group.OrderByDescending(m => m.Confidence).ToList();
            foreach (var seed in members)
            {
                if (taken.Contains(seed.Id))
                {
                    continue;
                }

                var cluster = new List<MemoryItem> { seed };
                foreach (var other in members)
                {
                    if (cluster.Count >= MaxClusterSize)
                    {
                        break;
                    }

                    if (other.Id != seed.Id && !taken.Contains(other.Id) && Related(seed, other, threshold) &&
                        (summarised || DedupRule.Interchangeable(seed.Text, other.Text)))
                    {
                        cluster.Add(other);
                    }
                }

                if (cluster.Count > 1)
                {
                    cluster.ForEach(m => taken.Add(m.Id));
                    clusters.Add(cluster);
                }
            }
        }

        return clusters;
    }

    private bool Related(MemoryItem a, MemoryItem b, double threshold)
    {
        if (a.EmbeddingModel == embedder.ModelId && b.EmbeddingModel == a.EmbeddingModel && a.Embedding is not null && b.Embedding is not null)
        {
            return FactEmbedder.Cosine(a.Embedding, b.Embedding) >= threshold;
        }

        return TextNormalizer.TokenSimilarity(a.Text, b.Text) >= 0.85;
    }

    /// <summary>Heuristic merge: the most useful member absorbs the others (sources unioned, confidence reinforced);
    /// the others are superseded by it.</summary>
    private async Task<MemoryItem> FoldAsync(UserKey user, List<MemoryItem> cluster, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var survivor = Survivor(cluster, now);
        var absorbed = cluster.Where(m => m.Id != survivor.Id).ToList();
        var updated = survivor with
        {
            Sources = absorbed.Aggregate(survivor.Sources, (s, m) => SourceRefs.Union(s, m.Sources)),
            Confidence = absorbed.Aggregate(survivor.Confidence, (c, m) => ConfidenceDecay.Reinforce(c, m.Confidence)),
            OccurredAt = cluster.Max(m => m.OccurredAt),
            UpdatedAt = now,
        };
        await writer.UpdateAsync(user, survivor, updated, WriteBackActors.Compression, HistoryReasons.Compressed, cancellationToken).ConfigureAwait(false);
        await writer.SupersedeAsync(user, absorbed, updated, WriteBackActors.Compression, HistoryReasons.Compressed, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>The survivor a fold would keep and the members interchangeable with it (the rest stay as they are).</summary>
    private List<MemoryItem> Foldable(List<MemoryItem> cluster, DateTimeOffset now)
    {
        var survivor = Survivor(cluster, now);
        return [survivor, .. cluster.Where(m => m.Id != survivor.Id && DedupRule.Interchangeable(survivor.Text, m.Text))];
    }

    private MemoryItem Survivor(List<MemoryItem> cluster, DateTimeOffset now) => cluster
        .OrderByDescending(m => ConfidenceDecay.Effective(m, now, _options.ConfidenceHalfLifeDays, _options.DurableHalfLifeFactor))
        .ThenByDescending(m => m.OccurredAt)
        .First();

    /// <summary>Asks the LLM for one denser text for the cluster (outside the user's lock); null when the answer is
    /// invalid twice or the call fails.</summary>
    private async Task<string?> AskSummaryAsync(List<MemoryItem> cluster, string? model, CancellationToken cancellationToken)
    {
        var memories = cluster.Select((m, i) => new PromptMemory($"m{i + 1}", m.Text, MemoryFacts.Read(m).Slot, MemoryFacts.Read(m).Subject,
            m.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Math.Round(m.Confidence, 2))).ToList();
        var variables = new Dictionary<string, object?>
        {
            ["memories"] = WriteBackPromptJsonContext.Serialize(memories),
            ["now"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            string answer;
            try
            {
                answer = await llm.AskAsync(TemplateName, variables, CompressionSchema.Element, CompressionSchema.Name, model, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                WriteBackLog.CompressionAnswerInvalid(logger, ex.GetType().Name);
                return null;
            }

            if (CompressionSchema.Parse(answer, out var error) is { } text)
            {
                return text;
            }

            WriteBackLog.CompressionAnswerInvalid(logger, error ?? "invalid");
        }

        return null;
    }

    /// <summary>LLM merge: the summary replaces the cluster when it keeps every member's details and words, adds
    /// none of its own (<see cref="DedupRule.Summarizes"/>) and the memory guard allows it; null otherwise (then the
    /// cluster is folded as far as that loses nothing).</summary>
    private async Task<MemoryItem?> StoreSummaryAsync(UserKey user, List<MemoryItem> cluster, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = cluster.ConvertAll(m => m.Text);
        if (InstructionFilter.IsInstruction(text) || !DedupRule.Summarizes(text, members))
        {
            return null;
        }

        var verdict = await guard.CheckAsync(user, text, MemoryGuardPoint.BeforeStore, null, cancellationToken).ConfigureAwait(false);
        if (!verdict.Allowed || !cluster.TrueForAll(m => DedupRule.Keeps(verdict.Text, m.Text)))
        {
            return null;
        }

        var (slot, _) = MemoryFacts.Read(cluster[0]);
        var vector = (await embedder.EmbedAsync([verdict.Text], cancellationToken).ConfigureAwait(false))[0];
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FactSlots.MetadataKey] = slot ?? FactSlots.Other,
            ["origin"] = WriteBackActors.Compression,
            ["supersedes"] = string.Join(',', cluster.Select(m => m.Id)),
        };
        var summary = new MemoryItem
        {
            Id = MemoryIds.ForMerge(user, cluster.Select(m => m.Id)),
            Text = verdict.Text,
            Context = cluster[0].Context,
            Confidence = cluster.Max(m => m.Confidence),
            OccurredAt = cluster.Max(m => m.OccurredAt),
            CreatedAt = now,
            UpdatedAt = now,
            Sources = cluster.Aggregate((IReadOnlyList<string>)[], (s, m) => SourceRefs.Union(s, m.Sources)),
            Metadata = metadata,
            EmbeddingModel = embedder.ModelId,
            Embedding = vector,
        };
        await writer.SupersedeAsync(user, cluster, summary, WriteBackActors.Compression, HistoryReasons.Compressed, cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
