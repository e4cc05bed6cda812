using Grpc.Core;
using Memory.Model;
using Qdrant.Client.Grpc;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;

namespace Memory.Stores.Qdrant;

/// <summary>Erasure tombstones as points of the meta collection: one per erased user (id derived from the user key,
/// payload only kind and generation, no user key, so the erasure's own delete keeps it) and one store-wide counter.
/// Replicas erasing at the same instant could read the same counter; the later write still carries a generation
/// above every turn that started before either erasure, which is what the check needs.</summary>
internal sealed partial class QdrantMemoryStore : IErasureTombstoneStore
{
    public async Task<long> GetLatestErasureGenerationAsync(CancellationToken cancellationToken = default) =>
        await ReadGenerationAsync(QdrantPointIds.ErasureCounter, cancellationToken).ConfigureAwait(false);

    public Task<long> GetErasureGenerationAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        return ReadGenerationAsync(QdrantPointIds.Tombstone(user), cancellationToken);
    }

    public async Task<long> RecordErasureAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        var generation = await GetLatestErasureGenerationAsync(cancellationToken).ConfigureAwait(false) + 1;
        var at = _time.GetUtcNow();
        await _collections.UpsertMetaAsync(
            [GenerationPoint(QdrantPointIds.ErasureCounter, Keys.KindErasureCounter, generation, at),
             GenerationPoint(QdrantPointIds.Tombstone(user), Keys.KindTombstone, generation, at)], cancellationToken).ConfigureAwait(false);
        return generation;
    }

    private async Task<long> ReadGenerationAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var points = await _client.RetrieveAsync(_names.Meta, [(PointId)id], withPayload: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            return points.Select(p => QdrantValues.Long(p.Payload, Keys.Generation) ?? 0).DefaultIfEmpty(0).Max();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return 0; // no meta collection yet: nobody was erased
        }
    }

    private static PointStruct GenerationPoint(Guid id, string kind, long generation, DateTimeOffset at)
    {
        var point = new PointStruct { Id = id, Vectors = QdrantMemoryPayload.Placeholder };
        point.Payload[Keys.Kind] = QdrantValues.Of(kind);
        point.Payload[Keys.Generation] = QdrantValues.Of(generation);
        point.Payload[Keys.At] = QdrantValues.Of(at);
        return point;
    }
}
