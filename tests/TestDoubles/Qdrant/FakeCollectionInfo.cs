namespace TestDoubles.Qdrant;

/// <summary>What a fake collection was created with, and how many points it holds.</summary>
public sealed record FakeCollectionInfo(
    string Name,
    ulong VectorSize,
    string Distance,
    uint ShardNumber,
    uint ReplicationFactor,
    int PointCount);
