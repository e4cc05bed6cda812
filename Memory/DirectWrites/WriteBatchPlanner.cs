using System.Numerics.Tensors;
using Memory.Dedup;
using Memory.Model;

namespace Memory.DirectWrites;

/// <summary>De-duplicates a write batch against the user's current memories and against itself, in order, with
/// the shared <see cref="DedupRule"/>. A memory of the same context with the same normalised text absorbs the write
/// (<see cref="MemoryMerge"/>: UPDATE or NOOP). Otherwise every memory of the context is compared: "similar" means
/// a cosine at or above the threshold (same embedding model); a paraphrase keeping every number, date, time, unit,
/// name and negation merges (NOOP when nothing new), a refinement takes the more detailed wording, the same slot with
/// a new value (or the same statement negated) is an UPDATE that keeps the old value in history, and anything
/// else is an ADD. Pure: the caller stores the plan.</summary>
internal sealed class WriteBatchPlanner
{
    private readonly List<MemoryItem> _pool;
    private readonly Dictionary<(string Context, string Key), int> _byKey = [];
    private readonly HashSet<int> _touched = [];
    private readonly double _threshold;
    private readonly DateTimeOffset _now;
    private readonly string? _actor;
    private readonly Func<string> _newId;

    private WriteBatchPlanner(IReadOnlyList<MemoryItem> current, double threshold, DateTimeOffset now, string? actor, Func<string> newId)
    {
        _pool = [.. current];
        for (var i = 0; i < _pool.Count; i++)
        {
            _byKey.TryAdd((_pool[i].Context, MemoryText.DedupKey(_pool[i].Text)), i);
        }

        _threshold = threshold;
        _now = now;
        _actor = actor;
        _newId = newId;
    }

    /// <param name="vectors">The batch's embeddings in order, or null when embedding failed (then only text,
    /// slot and negation matches count).</param>
    public static WriteBatchPlan Plan(
        IReadOnlyList<MemoryItem> current,
        IReadOnlyList<PreparedMemory> batch,
        IReadOnlyList<float[]>? vectors,
        string? model,
        double threshold,
        DateTimeOffset now,
        string? actor,
        Func<string> newId)
    {
        var planner = new WriteBatchPlanner(current, threshold, now, actor, newId);
        var results = new List<MemoryWriteResult>(batch.Count);
        var history = new List<MemoryHistoryEntry>();
        for (var i = 0; i < batch.Count; i++)
        {
            results.Add(planner.Apply(batch[i], vectors?[i], model, history));
        }

        var upserts = planner._touched.Order().Select(i => planner._pool[i]).ToList();
        return new WriteBatchPlan(results, upserts, history);
    }

    private MemoryWriteResult Apply(PreparedMemory incoming, float[]? vector, string? model, List<MemoryHistoryEntry> history)
    {
        if (_byKey.TryGetValue((incoming.Context, incoming.Key), out var same))
        {
            return Merge(same, incoming, vector, model, WordingChoice.Keep, HistoryReasons.Reinforced, history, sameText: true);
        }

        var (match, decision) = BestMatch(incoming, vector, model);
        switch (decision?.Verdict)
        {
            case DedupVerdict.Duplicate:
                // A paraphrase keeps the stored wording unless it brings a word of its own ("I love jazz" → "I enjoy
                // jazz and blues"): "I do not eat pork" after "I don't eat pork" adds nothing and is a NOOP.
                var wording = decision.Differences == DetailKinds.None && AddsWords(_pool[match].Text, incoming.Text)
                    ? WordingChoice.Longer
                    : WordingChoice.Keep;
                return Merge(match, incoming, vector, model, wording, decision.Reason, history, sameText: false);
            case DedupVerdict.Refinement:
                return Merge(match, incoming, vector, model, WordingChoice.Incoming, decision.Reason, history, sameText: false);
            case DedupVerdict.SlotChange:
                var current = _pool[match];
                var replaced = MemoryMerge.Replace(current, incoming, vector, model, _now);
                return Record(match, current, replaced, decision.Reason, history);
        }

        var added = new MemoryItem
        {
            Id = _newId(),
            Text = incoming.Text,
            Context = incoming.Context,
            Confidence = incoming.Confidence,
            OccurredAt = incoming.OccurredAt,
            CreatedAt = _now,
            UpdatedAt = _now,
            Sources = incoming.Sources,
            Metadata = incoming.Metadata,
            EmbeddingModel = vector is null ? null : model,
            Embedding = vector,
        };
        _pool.Add(added);
        _byKey.TryAdd((added.Context, incoming.Key), _pool.Count - 1);
        _touched.Add(_pool.Count - 1);
        history.Add(Entry(added.Id, MemoryEvent.Add, null, added, decision?.Reason ?? HistoryReasons.New));
        return new MemoryWriteResult(added.Id, MemoryEvent.Add);
    }

    private MemoryWriteResult Merge(int match, PreparedMemory incoming, float[]? vector, string? model, WordingChoice wording, string reason,
        List<MemoryHistoryEntry> history, bool sameText)
    {
        var current = _pool[match];
        var merged = MemoryMerge.Merge(current, incoming, vector, model, wording, _now);
        if (ReferenceEquals(merged, current))
        {
            // Same text, nothing new: refresh a missing or stale vector silently, record nothing.
            if (sameText && vector is not null && !string.Equals(current.EmbeddingModel, model, StringComparison.Ordinal))
            {
                _pool[match] = current with { Embedding = vector, EmbeddingModel = model };
                _touched.Add(match);
            }

            return new MemoryWriteResult(current.Id, MemoryEvent.Noop);
        }

        return Record(match, current, merged, reason, history);
    }

    private MemoryWriteResult Record(int match, MemoryItem current, MemoryItem updated, string reason, List<MemoryHistoryEntry> history)
    {
        _pool[match] = updated;
        _byKey.TryAdd((updated.Context, MemoryText.DedupKey(updated.Text)), match);
        _touched.Add(match);
        history.Add(Entry(updated.Id, MemoryEvent.Update, current, updated, reason));
        return new MemoryWriteResult(updated.Id, MemoryEvent.Update);
    }

    /// <summary>The current memory the write is closest to under the rule (a duplicate before a refinement before a
    /// slot change, then the higher cosine): of the write's own context, or of another context when the write changes
    /// one of its slots; or -1 with the decision of the most similar distinct memory (for the history reason), or null
    /// when nothing was similar.</summary>
    private (int Index, DedupDecision? Decision) BestMatch(PreparedMemory incoming, float[]? vector, string? model)
    {
        var best = -1;
        DedupDecision? bestDecision = null;
        var bestScore = double.NegativeInfinity;
        DedupDecision? nearestDistinct = null;
        var nearestScore = double.NegativeInfinity;
        var filter = new DedupPrefilter(incoming.Text);
        for (var i = 0; i < _pool.Count; i++)
        {
            var candidate = _pool[i];
            if (!candidate.IsCurrent)
            {
                continue;
            }

            // Another feature's memory is its own record of what it learned, except where this write gives one of
            // its slots a new value: one memory serves every feature, so the old value must not stay current there.
            var otherContext = !string.Equals(candidate.Context, incoming.Context, StringComparison.Ordinal);

            var score = Cosine(vector, model, candidate);
            var similar = score >= _threshold;
            if (!similar && !filter.MayRelate(candidate.Text))
            {
                continue;
            }

            var decision = DedupRule.Compare(candidate.Text, incoming.Text, similar);
            if (otherContext && decision.Verdict != DedupVerdict.SlotChange)
            {
                continue;
            }

            if (decision.Verdict == DedupVerdict.Distinct)
            {
                if (similar && score > nearestScore)
                {
                    nearestScore = score;
                    nearestDistinct = decision;
                }

                continue;
            }

            if (best < 0 || decision.Verdict < bestDecision!.Verdict || (decision.Verdict == bestDecision.Verdict && score > bestScore))
            {
                best = i;
                bestDecision = decision;
                bestScore = score;
            }
        }

        return best >= 0 ? (best, bestDecision) : (-1, nearestDistinct);
    }

    /// <summary>Whether the incoming text has a content word the stored one lacks; "the user" is no word of its own ("The
    /// user's sister lives in Leeds" after "My sister lives in Leeds" adds nothing).</summary>
    private static bool AddsWords(string stored, string incoming) =>
        FactText.Of(incoming).ContentWords.Except(FactText.Of(stored).ContentWords).Any(w => !DedupLexicon.Intensifiers.Contains(w) && !DedupLexicon.VagueHeads.Contains(w));

    private static double Cosine(float[]? vector, string? model, MemoryItem candidate) =>
        vector is not null && model is not null && candidate.Embedding is { } other && other.Length == vector.Length &&
        string.Equals(candidate.EmbeddingModel, model, StringComparison.Ordinal)
            ? TensorPrimitives.CosineSimilarity(vector, other)
            : double.NegativeInfinity;

    private MemoryHistoryEntry Entry(string id, MemoryEvent e, MemoryItem? before, MemoryItem? after, string reason) => new()
    {
        MemoryId = id,
        Event = e,
        Before = before,
        After = after,
        At = _now,
        Actor = _actor,
        Reason = reason,
    };
}
