using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>A stored point: id, its (already distance-preprocessed) dense vector and its payload.</summary>
internal sealed class FakePoint(PointIdKey id, float[] vector, MapField<string, Value> payload)
{
    public PointIdKey Id { get; } = id;
    public float[] Vector { get; } = vector;
    public MapField<string, Value> Payload { get; } = payload;
}
