using System.Numerics.Tensors;
using Memory.Model;

namespace Memory.Writes;

/// <summary>De-duplicates a write batch against the user's current memories and against itself, in order: a
/// memory with the same normalised text in the same context, or else the most similar one of the same context and
/// embedding model at or above the cosine threshold, absorbs the write (<see cref="MemoryMerge"/>: UPDATE or NOOP);
/// anything else is an ADD. Pure: the caller stores the plan.</summary>
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

    /// <param name="vectors">The batch's embeddings in order, or null when embedding failed (then only text dedups).</param>
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
        var sameText = _byKey.TryGetValue((incoming.Context, incoming.Key), out var match);
        if (!sameText)
        {
            match = MostSimilar(incoming.Context, vector, model);
        }

        if (match < 0)
        {
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
            history.Add(Entry(added.Id, MemoryEvent.Add, null, added));
            return new MemoryWriteResult(added.Id, MemoryEvent.Add);
        }

        var current = _pool[match];
        var merged = MemoryMerge.Merge(current, incoming, vector, model, sameText, _now);
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

        _pool[match] = merged;
        _byKey.TryAdd((merged.Context, MemoryText.DedupKey(merged.Text)), match);
        _touched.Add(match);
        history.Add(Entry(merged.Id, MemoryEvent.Update, current, merged));
        return new MemoryWriteResult(merged.Id, MemoryEvent.Update);
    }

    private int MostSimilar(string context, float[]? vector, string? model)
    {
        if (vector is null || model is null)
        {
            return -1;
        }

        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _pool.Count; i++)
        {
            var candidate = _pool[i];
            if (candidate.Embedding is not { } other || other.Length != vector.Length ||
                !string.Equals(candidate.Context, context, StringComparison.Ordinal) ||
                !string.Equals(candidate.EmbeddingModel, model, StringComparison.Ordinal))
            {
                continue;
            }

            double score = TensorPrimitives.CosineSimilarity(vector, other);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return bestScore >= _threshold ? best : -1;
    }

    private MemoryHistoryEntry Entry(string id, MemoryEvent e, MemoryItem? before, MemoryItem? after) => new()
    {
        MemoryId = id,
        Event = e,
        Before = before,
        After = after,
        At = _now,
        Actor = _actor,
    };
}
