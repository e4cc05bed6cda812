using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Memory.Stores.Qdrant;

/// <summary>The store's access patterns over Qdrant collections: the deployment's collections by prefix, reads
/// fanned out over every memory collection, paged scrolls, and writes that create their collection on first use
/// (and again if it was deleted meanwhile). A collection that disappears between listing and reading counts as
/// empty.</summary>
internal sealed class QdrantCollectionAccess(QdrantClient client, QdrantCollectionNames names, QdrantCollectionProvisioner provisioner, ILogger logger)
{
    private const uint PageSize = 256;
    private const int WriteBatch = 256;

    public async Task<IReadOnlyList<string>> MemoryCollectionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Where(names.IsMemoryCollection)];

    /// <summary>Memory collections and the meta collection of this deployment's prefix.</summary>
    public async Task<IReadOnlyList<string>> OwnedCollectionsAsync(CancellationToken cancellationToken = default) =>
        [.. (await client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Where(names.IsOwned)];

    /// <summary>Runs <paramref name="read"/> on every memory collection at once and concatenates the results.</summary>
    public async Task<List<T>> FromEveryMemoryCollectionAsync<T>(Func<string, Task<List<T>>> read, CancellationToken cancellationToken = default)
    {
        var collections = await MemoryCollectionsAsync(cancellationToken).ConfigureAwait(false);
        var results = await Task.WhenAll(collections.Select(async c =>
        {
            try
            {
                return await read(c).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return [];
            }
        })).ConfigureAwait(false);
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>Every point matching the filter (at most <paramref name="max"/>), page by page through
    /// <c>next_page_offset</c>; none when the collection does not exist.</summary>
    public async Task<List<RetrievedPoint>> ScrollAsync(string collection, Filter filter, bool withVectors, int? max, CancellationToken cancellationToken = default)
    {
        var points = new List<RetrievedPoint>();
        PointId? offset = null;
        try
        {
            do
            {
                var limit = max is { } m ? (uint)Math.Min(PageSize, m - points.Count) : PageSize;
                var page = await client.ScrollAsync(collection, filter, limit, offset, payloadSelector: true,
                    vectorsSelector: withVectors, cancellationToken: cancellationToken).ConfigureAwait(false);
                points.AddRange(page.Result);
                offset = page.NextPageOffset;
            }
            while (offset is not null && (max is null || points.Count < max));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return [];
        }

        return points;
    }

    /// <summary>Upserts (with <c>wait=true</c>) into a memory collection of <paramref name="dimensions"/>.</summary>
    public Task UpsertMemoriesAsync(string collection, int dimensions, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken = default) =>
        WriteAsync(collection, ct => provisioner.EnsureMemoryCollectionAsync(collection, dimensions, ct), points, cancellationToken);

    /// <summary>Upserts (with <c>wait=true</c>) into the meta collection.</summary>
    public Task UpsertMetaAsync(IReadOnlyList<PointStruct> points, CancellationToken cancellationToken = default) =>
        WriteAsync(names.Meta, ct => provisioner.EnsureMetaCollectionAsync(names.Meta, ct), points, cancellationToken);

    /// <summary>Runs a delete, treating a collection deleted meanwhile as already empty.</summary>
    public static async Task IgnoreMissingCollectionAsync(Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Nothing left to remove there.
        }
    }

    private async Task WriteAsync(string collection, Func<CancellationToken, Task> ensure, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken)
    {
        await ensure(cancellationToken).ConfigureAwait(false);
        try
        {
            await UpsertInBatchesAsync(collection, points, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            QdrantStoreLog.CollectionVanished(logger, collection);
            provisioner.Forget(collection);
            await ensure(cancellationToken).ConfigureAwait(false);
            await UpsertInBatchesAsync(collection, points, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpsertInBatchesAsync(string collection, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken)
    {
        foreach (var batch in points.Chunk(WriteBatch))
        {
            await client.UpsertAsync(collection, batch, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
