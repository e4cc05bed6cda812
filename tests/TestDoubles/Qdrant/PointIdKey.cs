using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>A point id in Qdrant's canonical form and order: numeric ids first (by value), then UUIDs (by their
/// 128-bit value, which is the order of their lowercase hyphenated text).</summary>
internal readonly record struct PointIdKey(ulong Num, string? Uuid) : IComparable<PointIdKey>
{
    public static PointIdKey From(PointId? id)
    {
        if (id is null)
        {
            throw QdrantErrors.Validation("id: point id is required");
        }

        return id.PointIdOptionsCase switch
        {
            PointId.PointIdOptionsOneofCase.Num => new PointIdKey(id.Num, null),
            PointId.PointIdOptionsOneofCase.Uuid => Guid.TryParse(id.Uuid, out var guid)
                ? new PointIdKey(0, guid.ToString("D"))
                : throw QdrantErrors.BadInput($"Unable to parse UUID: {id.Uuid}"),
            _ => throw QdrantErrors.Validation("id: point id must be a number or a UUID"),
        };
    }

    public PointId ToPointId() => Uuid is null ? new PointId { Num = Num } : new PointId { Uuid = Uuid };

    public int CompareTo(PointIdKey other) => (Uuid, other.Uuid) switch
    {
        (null, null) => Num.CompareTo(other.Num),
        (null, _) => -1,
        (_, null) => 1,
        _ => string.CompareOrdinal(Uuid, other.Uuid),
    };

    public override string ToString() => Uuid ?? Num.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
