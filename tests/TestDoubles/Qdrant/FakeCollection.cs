using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>One in-memory collection: a single unnamed dense vector per point, points kept in Qdrant's id order,
/// and the payload indexes created on it. Not thread-safe: <see cref="FakeQdrantState"/> serialises access.</summary>
internal sealed class FakeCollection(string name, ulong vectorSize, Distance distance, uint shardNumber, uint replicationFactor)
{
    public string Name { get; } = name;
    public ulong VectorSize { get; } = vectorSize;
    public Distance Distance { get; } = distance;
    public uint ShardNumber { get; } = shardNumber;
    public uint ReplicationFactor { get; } = replicationFactor;
    public SortedDictionary<PointIdKey, FakePoint> Points { get; } = [];
    public Dictionary<string, PayloadSchemaInfo> Indexes { get; } = new(StringComparer.Ordinal);

    /// <summary>Checks the vector's size and applies the distance's preprocessing the way Qdrant does (cosine
    /// vectors are normalised unless their length is already 1 within 1e-6, or 0).</summary>
    public float[] Prepare(IReadOnlyList<float> vector)
    {
        if ((ulong)vector.Count != VectorSize)
        {
            throw QdrantErrors.BadInput($"Vector dimension error: expected dim: {VectorSize}, got {vector.Count}");
        }

        var copy = vector.ToArray();
        if (Distance != Distance.Cosine)
        {
            return copy;
        }

        var squares = 0f;
        foreach (var x in copy)
        {
            squares += x * x;
        }

        var length = MathF.Sqrt(squares);
        if (length < float.Epsilon || MathF.Abs(length - 1f) <= 1e-6f)
        {
            return copy;
        }

        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] /= length;
        }

        return copy;
    }

    /// <summary>Qdrant's score for <paramref name="query"/> (already prepared) against a stored vector: higher is
    /// better for Cosine and Dot, lower for Euclid and Manhattan.</summary>
    public float Score(float[] query, float[] stored)
    {
        var sum = 0f;
        switch (Distance)
        {
            case Distance.Euclid:
                for (var i = 0; i < query.Length; i++)
                {
                    var d = query[i] - stored[i];
                    sum += d * d;
                }

                return MathF.Sqrt(sum);
            case Distance.Manhattan:
                for (var i = 0; i < query.Length; i++)
                {
                    sum += MathF.Abs(query[i] - stored[i]);
                }

                return sum;
            default:
                for (var i = 0; i < query.Length; i++)
                {
                    sum += query[i] * stored[i];
                }

                return sum;
        }
    }

    public bool HigherIsBetter => Distance is Distance.Cosine or Distance.Dot;
}
