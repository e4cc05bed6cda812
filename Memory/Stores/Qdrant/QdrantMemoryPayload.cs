using Google.Protobuf.Collections;
using Memory.Model;
using Qdrant.Client.Grpc;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;

namespace Memory.Stores.Qdrant;

/// <summary>Maps a memory to a Qdrant point (vector plus payload) and back.</summary>
internal static class QdrantMemoryPayload
{
    /// <summary>The vector given to points that have none of their own (pending memories, meta records).</summary>
    public static readonly float[] Placeholder = [1f];

    public static PointStruct ToPoint(UserKey user, MemoryItem memory)
    {
        var point = new PointStruct
        {
            Id = QdrantPointIds.Memory(user, memory.Id),
            Vectors = memory.Embedding ?? Placeholder,
        };
        point.Payload.Add(Fields(memory));
        point.Payload[Keys.UserKey] = QdrantValues.Of(QdrantPointIds.UserKeyValue(user));
        point.Payload[Keys.Tenant] = QdrantValues.Of(user.Tenant);
        point.Payload[Keys.User] = QdrantValues.Of(user.UserId);
        return point;
    }

    /// <summary>The memory's own fields (no vector, no owner), also used for history snapshots.</summary>
    public static MapField<string, Value> Fields(MemoryItem memory)
    {
        var fields = new MapField<string, Value>
        {
            [Keys.MemoryId] = QdrantValues.Of(memory.Id),
            [Keys.Text] = QdrantValues.Of(memory.Text),
            [Keys.Context] = QdrantValues.Of(memory.Context),
            [Keys.Confidence] = QdrantValues.Of(memory.Confidence),
            [Keys.OccurredAt] = QdrantValues.Of(memory.OccurredAt),
            [Keys.CreatedAt] = QdrantValues.Of(memory.CreatedAt),
            [Keys.UpdatedAt] = QdrantValues.Of(memory.UpdatedAt),
            [Keys.Sources] = QdrantValues.Of(memory.Sources),
            [Keys.Metadata] = QdrantValues.Of(memory.Metadata),
        };
        if (memory.ValidTo is { } validTo)
        {
            fields[Keys.ValidTo] = QdrantValues.Of(validTo);
        }

        if (memory.EmbeddingModel is { } model)
        {
            fields[Keys.Model] = QdrantValues.Of(model);
        }

        return fields;
    }

    /// <summary>Reads a memory back; <paramref name="vector"/> is null for points whose vector is a placeholder.</summary>
    public static MemoryItem FromFields(MapField<string, Value> payload, float[]? vector) => new()
    {
        Id = QdrantValues.RequiredString(payload, Keys.MemoryId),
        Text = QdrantValues.RequiredString(payload, Keys.Text),
        Context = QdrantValues.String(payload, Keys.Context) ?? "chat",
        Confidence = QdrantValues.Double(payload, Keys.Confidence) ?? 1.0,
        OccurredAt = QdrantValues.RequiredInstant(payload, Keys.OccurredAt),
        CreatedAt = QdrantValues.RequiredInstant(payload, Keys.CreatedAt),
        UpdatedAt = QdrantValues.RequiredInstant(payload, Keys.UpdatedAt),
        ValidTo = QdrantValues.Instant(payload, Keys.ValidTo),
        Sources = QdrantValues.Strings(payload, Keys.Sources),
        Metadata = QdrantValues.StringMap(payload, Keys.Metadata),
        EmbeddingModel = QdrantValues.String(payload, Keys.Model),
        Embedding = vector,
    };

    /// <summary>The owner recorded on a point.</summary>
    public static UserKey Owner(MapField<string, Value> payload) =>
        new(QdrantValues.RequiredString(payload, Keys.Tenant), QdrantValues.RequiredString(payload, Keys.User));

    public static bool IsOwnedBy(MapField<string, Value> payload, UserKey user) =>
        QdrantValues.String(payload, Keys.UserKey) == QdrantPointIds.UserKeyValue(user);

    /// <summary>The dense vector of a returned point.</summary>
    public static float[]? Vector(VectorsOutput? vectors) =>
        vectors?.VectorsOptionsCase == VectorsOutput.VectorsOptionsOneofCase.Vector
            ? vectors.Vector.GetDenseVector()?.Data.ToArray()
            : null;
}
