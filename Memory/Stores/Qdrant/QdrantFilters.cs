using Memory.Model;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;
using QRange = Qdrant.Client.Grpc.Range;

namespace Memory.Stores.Qdrant;

/// <summary>Qdrant filters for every read and delete: the owner condition on the tenant-indexed user key always,
/// plus the <see cref="MemoryFilter"/> conditions, all evaluated inside Qdrant (before any top-k).</summary>
internal static class QdrantFilters
{
    public static Filter OwnedBy(UserKey user) => new() { Must = { MatchKeyword(Keys.UserKey, QdrantPointIds.UserKeyValue(user)) } };

    public static Filter Memories(UserKey user, MemoryFilter filter)
    {
        var result = OwnedBy(user);
        if (filter.Contexts is { Count: > 0 } contexts)
        {
            result.Must.Add(contexts.Count == 1
                ? MatchKeyword(Keys.Context, contexts[0])
                : Match(Keys.Context, contexts.Distinct(StringComparer.Ordinal).ToList()));
        }

        if (filter.MinConfidence is { } minConfidence)
        {
            result.Must.Add(Range(Keys.Confidence, new QRange { Gte = minConfidence }));
        }

        if (filter.OccurredAfter is { } after)
        {
            result.Must.Add(Range(Keys.OccurredAt, new QRange { Gte = after.ToUnixTimeMilliseconds() }));
        }

        if (!filter.IncludeSuperseded)
        {
            result.Must.Add(IsEmpty(Keys.ValidTo));
        }

        return result;
    }

    /// <summary>Memories of any user whose recorded model is not <paramref name="embeddingModel"/> (or that have none).</summary>
    public static Filter NotEmbeddedBy(string embeddingModel) => new() { MustNot = { MatchKeyword(Keys.Model, embeddingModel) } };

    public static Filter History(UserKey user, string? memoryId)
    {
        var result = OwnedBy(user);
        result.Must.Add(MatchKeyword(Keys.Kind, Keys.KindHistory));
        if (memoryId is not null)
        {
            result.Must.Add(MatchKeyword(Keys.MemoryId, memoryId));
        }

        return result;
    }

    /// <summary>The user's history entries that hold a snapshot of <paramref name="memoryId"/>: its own entries and those
    /// whose before or after snapshot is of it (a memory that superseded it records the old one as its before), so
    /// redacting one memory reads the entries about it, not the user's whole history.</summary>
    public static Filter HistoryMentioning(UserKey user, string memoryId)
    {
        var result = OwnedBy(user);
        result.Must.Add(MatchKeyword(Keys.Kind, Keys.KindHistory));
        result.Must.Add(new Condition
        {
            Filter = new Filter
            {
                Should =
                {
                    MatchKeyword(Keys.MemoryId, memoryId),
                    MatchKeyword(Keys.BeforeMemoryId, memoryId),
                    MatchKeyword(Keys.AfterMemoryId, memoryId),
                },
            },
        });
        return result;
    }
}
