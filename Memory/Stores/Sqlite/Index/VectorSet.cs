using System.Numerics.Tensors;
using Memory.Model;

namespace Memory.Stores.Sqlite.Index;

/// <summary>One user's vectors of one embedding model, L2-normalised and held contiguously, with the fields the
/// store's filters need, so a search filters exactly and scores with SIMD dot products without touching disk.
/// Not thread-safe: <see cref="UserVectorEntry"/> guards it.</summary>
internal sealed class VectorSet
{
    private const int MinimumCapacity = 8;
    private const int PerSlotBytes = 8 + 8 + 8 + 8 + 1; // id ref, context ref, confidence, occurred ticks, current flag
    private const int PerEntryDictionaryBytes = 32;
    private const int FixedBytes = 256;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _contextPool = new(StringComparer.Ordinal);
    private float[] _vectors = [];
    private string[] _ids = [];
    private string[] _contexts = [];
    private double[] _confidences = [];
    private long[] _occurredTicks = [];
    private bool[] _current = [];
    private long _idBytes;

    public VectorSet(string model, int capacity = 0)
    {
        Model = model;
        if (capacity > 0)
        {
            Grow(capacity);
        }
    }

    public string Model { get; }

    /// <summary>Vector length, fixed by the first vector added (0 while empty).</summary>
    public int Dimensions { get; private set; }

    public int Count { get; private set; }

    /// <summary>Estimated managed bytes held: vectors, per-memory fields, ids and the id lookup.</summary>
    public long EstimatedBytes =>
        FixedBytes + (long)_ids.Length * (Dimensions * sizeof(float) + PerSlotBytes + PerEntryDictionaryBytes) + _idBytes;

    /// <summary>Adds or replaces the memory's vector; false when it has no vector of this set's model and size.</summary>
    public bool Upsert(MemoryItem memory)
    {
        Remove(memory.Id);
        if (memory.Embedding is not { Length: > 0 } embedding || !string.Equals(memory.EmbeddingModel, Model, StringComparison.Ordinal))
        {
            return false;
        }

        return Add(memory.Id, memory.Context, memory.Confidence, memory.OccurredAt.UtcTicks, memory.ValidTo is null, embedding);
    }

    /// <summary>Adds a row known not to be present (bulk load).</summary>
    public bool Add(string id, string context, double confidence, long occurredTicks, bool isCurrent, ReadOnlySpan<float> vector)
    {
        if (Dimensions == 0)
        {
            Dimensions = vector.Length;
            if (_ids.Length > 0)
            {
                _vectors = new float[_ids.Length * Dimensions];
            }
        }
        else if (vector.Length != Dimensions)
        {
            return false;
        }

        if (Count == _ids.Length)
        {
            Grow(Math.Max(MinimumCapacity, _ids.Length * 2));
        }

        var slot = Count++;
        var target = _vectors.AsSpan(slot * Dimensions, Dimensions);
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, target);
        }
        else
        {
            target.Clear();
        }

        _ids[slot] = id;
        _contexts[slot] = Intern(context);
        _confidences[slot] = confidence;
        _occurredTicks[slot] = occurredTicks;
        _current[slot] = isCurrent;
        _slots[id] = slot;
        _idBytes += IdBytes(id);
        return true;
    }

    /// <summary>Removes the memory's vector (swapping the last row into its slot); false when absent.</summary>
    public bool Remove(string id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return false;
        }

        _idBytes -= IdBytes(id);
        var last = --Count;
        if (slot != last)
        {
            _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(slot * Dimensions, Dimensions));
            _ids[slot] = _ids[last];
            _contexts[slot] = _contexts[last];
            _confidences[slot] = _confidences[last];
            _occurredTicks[slot] = _occurredTicks[last];
            _current[slot] = _current[last];
            _slots[_ids[slot]] = slot;
        }

        _ids[last] = null!;
        _contexts[last] = null!;
        return true;
    }

    /// <summary>The <paramref name="top"/> rows passing <paramref name="filter"/> with the highest cosine to
    /// <paramref name="query"/>, best first. The filter is applied before ranking, never after.</summary>
    public List<(string Id, double Score)> Search(ReadOnlySpan<float> query, MemoryFilter filter, int top)
    {
        var results = new List<(string Id, double Score)>();
        if (top <= 0 || Count == 0 || query.Length != Dimensions)
        {
            return results;
        }

        var normalisedQuery = new float[Dimensions];
        var norm = TensorPrimitives.Norm(query);
        if (norm == 0)
        {
            return results;
        }

        TensorPrimitives.Divide(query, norm, normalisedQuery);

        HashSet<string>? contexts = filter.Contexts is { } wanted ? new HashSet<string>(wanted, StringComparer.Ordinal) : null;
        var minConfidence = filter.MinConfidence ?? double.NegativeInfinity;
        var occurredAfter = filter.OccurredAfter?.UtcTicks ?? long.MinValue;
        var heap = new PriorityQueue<int, float>(Math.Min(top, Count) + 1);
        var vectors = _vectors.AsSpan();
        for (var slot = 0; slot < Count; slot++)
        {
            if ((!filter.IncludeSuperseded && !_current[slot]) ||
                _confidences[slot] < minConfidence ||
                _occurredTicks[slot] < occurredAfter ||
                (contexts is not null && !contexts.Contains(_contexts[slot])))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(vectors.Slice(slot * Dimensions, Dimensions), normalisedQuery);
            if (heap.Count < top)
            {
                heap.Enqueue(slot, score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                heap.DequeueEnqueue(slot, score);
            }
        }

        while (heap.TryDequeue(out var slot, out var score))
        {
            results.Add((_ids[slot], score));
        }

        results.Reverse();
        return results;
    }

    private void Grow(int capacity)
    {
        if (Dimensions > 0)
        {
            Array.Resize(ref _vectors, capacity * Dimensions);
        }

        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _contexts, capacity);
        Array.Resize(ref _confidences, capacity);
        Array.Resize(ref _occurredTicks, capacity);
        Array.Resize(ref _current, capacity);
    }

    private string Intern(string context)
    {
        if (!_contextPool.TryGetValue(context, out var pooled))
        {
            _contextPool[context] = pooled = context;
        }

        return pooled;
    }

    private static long IdBytes(string id) => 24 + 2L * id.Length;
}
