using Google.Protobuf.Collections;
using Memory.Model;
using Qdrant.Client.Grpc;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;

namespace Memory.Stores.Qdrant;

/// <summary>History entries and consent records as points of the meta collection (placeholder vector, payload
/// <c>kind</c> = history or consent). Snapshots keep every memory field except the vector.</summary>
internal static class QdrantHistoryPayload
{
    public static PointStruct HistoryPoint(UserKey user, MemoryHistoryEntry entry, long sequence, Guid id)
    {
        var point = Owned(user, id, Keys.KindHistory);
        point.Payload[Keys.MemoryId] = QdrantValues.Of(entry.MemoryId);
        point.Payload[Keys.Event] = QdrantValues.Of(entry.Event.ToWire());
        point.Payload[Keys.At] = QdrantValues.Of(entry.At);
        point.Payload[Keys.Sequence] = QdrantValues.Of(sequence);
        if (entry.Actor is { } actor)
        {
            point.Payload[Keys.Actor] = QdrantValues.Of(actor);
        }

        if (entry.Reason is { } reason)
        {
            point.Payload[Keys.Reason] = QdrantValues.Of(reason);
        }

        if (entry.Before is { } before)
        {
            point.Payload[Keys.Before] = QdrantValues.Of(QdrantMemoryPayload.Fields(before));
        }

        if (entry.After is { } after)
        {
            point.Payload[Keys.After] = QdrantValues.Of(QdrantMemoryPayload.Fields(after));
        }

        return point;
    }

    public static (MemoryHistoryEntry Entry, long Sequence) FromHistoryPoint(MapField<string, Value> payload)
    {
        var wire = QdrantValues.RequiredString(payload, Keys.Event);
        var entry = new MemoryHistoryEntry
        {
            MemoryId = QdrantValues.RequiredString(payload, Keys.MemoryId),
            Event = Enum.TryParse<MemoryEvent>(wire, ignoreCase: true, out var e)
                ? e
                : throw new InvalidDataException($"Unknown memory event '{wire}' in a Qdrant history point."),
            At = QdrantValues.RequiredInstant(payload, Keys.At),
            Actor = QdrantValues.String(payload, Keys.Actor),
            Reason = QdrantValues.String(payload, Keys.Reason),
            Before = QdrantValues.Struct(payload, Keys.Before) is { } before ? QdrantMemoryPayload.FromFields(before, null) : null,
            After = QdrantValues.Struct(payload, Keys.After) is { } after ? QdrantMemoryPayload.FromFields(after, null) : null,
        };
        return (entry, QdrantValues.Long(payload, Keys.Sequence) ?? 0);
    }

    /// <summary>A consent record names no one: its id is derived from the tenant and user (so it is found by id), and
    /// it carries no user key, tenant or user id. A withdrawn consent outlives erasure (the service writes it back so
    /// that "forget me" does not restart memory), and it must not keep the erased user's id readable there.</summary>
    public static PointStruct ConsentPoint(UserKey user, bool memory, DateTimeOffset at)
    {
        var point = new PointStruct { Id = QdrantPointIds.Consent(user), Vectors = QdrantMemoryPayload.Placeholder };
        point.Payload[Keys.Kind] = QdrantValues.Of(Keys.KindConsent);
        point.Payload[Keys.MemoryConsent] = QdrantValues.Of(memory);
        point.Payload[Keys.UpdatedAt] = QdrantValues.Of(at);
        return point;
    }

    private static PointStruct Owned(UserKey user, Guid id, string kind)
    {
        var point = new PointStruct { Id = id, Vectors = QdrantMemoryPayload.Placeholder };
        point.Payload[Keys.Kind] = QdrantValues.Of(kind);
        point.Payload[Keys.UserKey] = QdrantValues.Of(QdrantPointIds.UserKeyValue(user));
        point.Payload[Keys.Tenant] = QdrantValues.Of(user.Tenant);
        point.Payload[Keys.User] = QdrantValues.Of(user.UserId);
        return point;
    }
}
