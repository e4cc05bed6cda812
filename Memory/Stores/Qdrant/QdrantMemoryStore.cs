using Grpc.Core;
using Memory.Model;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;

namespace Memory.Stores.Qdrant;

/// <summary>The memory store on Qdrant (gRPC, <see cref="QdrantClient"/>), shared by every gateway replica.
/// Memories live in one collection per embedding model and dimension (memories not embedded yet in a pending
/// collection), history and consent in a meta collection; every point carries its tenant and user, and every
/// read filters on the tenant-indexed user key inside Qdrant, together with the caller's filters.</summary>
internal sealed partial class QdrantMemoryStore : IMemoryStore, IDisposable
{
    private readonly QdrantClient _client;
    private readonly bool _ownsClient;
    private readonly QdrantCollectionNames _names;
    private readonly QdrantCollectionAccess _collections;
    private readonly HistorySequence _sequence;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QdrantMemoryStore(QdrantClient client, QdrantOptions options, TimeProvider time, ILogger<QdrantMemoryStore> logger, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
        _names = new QdrantCollectionNames(options.CollectionPrefix);
        _collections = new QdrantCollectionAccess(client, _names, new QdrantCollectionProvisioner(client, options, logger), logger);
        _sequence = new HistorySequence(time);
        _time = time;
        _logger = logger;
    }

    public async Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        ArgumentNullException.ThrowIfNull(memories);
        foreach (var memory in memories)
        {
            Validate(memory);
        }

        // The last write of an id wins, as if the memories had been upserted one by one.
        var latest = memories.GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var byCollection = latest.GroupBy(CollectionOf, StringComparer.Ordinal).ToList();
        foreach (var group in byCollection)
        {
            var dimensions = group.First().Embedding?.Length ?? QdrantMemoryPayload.Placeholder.Length;
            var points = group.Select(m => QdrantMemoryPayload.ToPoint(user, m)).ToList();
            await _collections.UpsertMemoriesAsync(group.Key, dimensions, points, cancellationToken).ConfigureAwait(false);
        }

        // A memory re-embedded by another model (or embedded for the first time) moved collection: drop the copy it
        // left behind. Written after the new copy, so the memory is never missing, at worst briefly doubled.
        var targets = latest.ToDictionary(m => QdrantPointIds.Memory(user, m.Id), CollectionOf);
        foreach (var collection in await _collections.MemoryCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var stale = targets.Where(t => t.Value != collection).Select(t => (PointId)t.Key).ToList();
            if (stale.Count > 0)
            {
                await QdrantCollectionAccess.IgnoreMissingCollectionAsync(() => _client.DeleteAsync(collection, stale, wait: true, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    public async Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        var pointId = (PointId)QdrantPointIds.Memory(user, id);
        var found = await _collections.FromEveryMemoryCollectionAsync(async collection =>
        {
            var points = await _client.RetrieveAsync(collection, [pointId], withPayload: true,
                withVectors: collection != _names.Pending, cancellationToken: cancellationToken).ConfigureAwait(false);
            return points.Where(p => QdrantMemoryPayload.IsOwnedBy(p.Payload, user)).Select(p => ToMemory(collection, p)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        return found.MaxBy(m => m.UpdatedAt);
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        if (filter.Contexts is { Count: 0 })
        {
            return []; // an empty context list matches no memory, as in the SQLite store
        }

        var qdrantFilter = QdrantFilters.Memories(user, filter);
        var found = await _collections.FromEveryMemoryCollectionAsync(async collection =>
        {
            var points = await _collections.ScrollAsync(collection, qdrantFilter, withVectors: collection != _names.Pending, max: null, cancellationToken).ConfigureAwait(false);
            return points.Select(p => ToMemory(collection, p)).ToList();
        }, cancellationToken).ConfigureAwait(false);

        return [.. found
            .GroupBy(m => m.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(m => m.UpdatedAt)!)
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        ArgumentException.ThrowIfNullOrEmpty(embeddingModel);
        if (top <= 0 || query.IsEmpty || filter.Contexts is { Count: 0 })
        {
            return [];
        }

        var collection = _names.ForModel(embeddingModel, query.Length);
        try
        {
            var hits = await _client.QueryAsync(collection, query.ToArray(), filter: QdrantFilters.Memories(user, filter),
                limit: (ulong)top, payloadSelector: true, vectorsSelector: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. hits.Select(h => new ScoredMemory(QdrantMemoryPayload.FromFields(h.Payload, QdrantMemoryPayload.Vector(h.Vectors)), h.Score))];
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return []; // nothing was ever embedded by this model and dimension
        }
    }

    public async Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        var pointId = (PointId)QdrantPointIds.Memory(user, id);
        var holders = await _collections.FromEveryMemoryCollectionAsync(async collection =>
        {
            var points = await _client.RetrieveAsync(collection, [pointId], new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { Keys.UserKey } } },
                new WithVectorsSelector { Enable = false }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return points.Any(p => QdrantMemoryPayload.IsOwnedBy(p.Payload, user)) ? [collection] : new List<string>();
        }, cancellationToken).ConfigureAwait(false);

        foreach (var collection in holders)
        {
            await QdrantCollectionAccess.IgnoreMissingCollectionAsync(() => _client.DeleteAsync(collection, [pointId], wait: true, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return holders.Count > 0;
    }

    public async Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        var owned = await _collections.OwnedCollectionsAsync(cancellationToken).ConfigureAwait(false);
        var filter = QdrantFilters.OwnedBy(user);
        foreach (var collection in owned)
        {
            await QdrantCollectionAccess.IgnoreMissingCollectionAsync(() => _client.DeleteAsync(collection, filter, wait: true, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        // The consent record carries no user key (QdrantHistoryPayload.ConsentPoint), so the filter above passes it by.
        // A withdrawn consent stays (it holds no personal text): erasure must never turn "forget me" into "remember me".
        if (await GetConsentAsync(user, cancellationToken).ConfigureAwait(false) != false)
        {
            await QdrantCollectionAccess.IgnoreMissingCollectionAsync(() => _client.DeleteAsync(_names.Meta, QdrantPointIds.Consent(user), wait: true, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        QdrantStoreLog.UserErased(_logger, owned.Count);
    }

    public async Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var points = entries.Select(e => QdrantHistoryPayload.HistoryPoint(user, e, _sequence.Next(), Guid.CreateVersion7(_time.GetUtcNow()))).ToList();
        await _collections.UpsertMetaAsync(points, cancellationToken).ConfigureAwait(false);
    }

    public async Task RedactHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        ArgumentException.ThrowIfNullOrEmpty(memoryId);

        // The snapshots live in payloads of the user's history points (its own entries and the entry of a memory that
        // superseded it): only the points naming it in their id or a snapshot's id are read (indexed keys, so this is
        // proportional to the memory's own history, not the user's), and each one holding content is written again
        // under its own id, sequence kept.
        var points = await _collections.ScrollAsync(_names.Meta, QdrantFilters.HistoryMentioning(user, memoryId), withVectors: false, max: null, cancellationToken).ConfigureAwait(false);
        var rewrites = new List<PointStruct>();
        foreach (var point in points)
        {
            var (entry, sequence) = QdrantHistoryPayload.FromHistoryPoint(point.Payload);
            if (HistoryRedaction.Redact(entry, memoryId) is { } redacted && Guid.TryParse(point.Id.Uuid, out var id))
            {
                rewrites.Add(QdrantHistoryPayload.HistoryPoint(user, redacted, sequence, id));
            }
        }

        if (rewrites.Count > 0)
        {
            await _collections.UpsertMetaAsync(rewrites, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        return HistoryAsync(QdrantFilters.History(user, memoryId), cancellationToken);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        return HistoryAsync(QdrantFilters.History(user, null), cancellationToken);
    }

    public async Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        try
        {
            var points = await _client.RetrieveAsync(_names.Meta, [(PointId)QdrantPointIds.Consent(user)], withPayload: true,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            // The id is the user's own (name-based on tenant and user). Records written before consent points named
            // no one still carry the user key, which must then be this user's.
            return points.Where(p => !p.Payload.ContainsKey(Keys.UserKey) || QdrantMemoryPayload.IsOwnedBy(p.Payload, user))
                .Select(p => QdrantValues.Bool(p.Payload, Keys.MemoryConsent)).FirstOrDefault();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        ValidateUser(user);
        var point = QdrantHistoryPayload.ConsentPoint(user, memory, _time.GetUtcNow());
        return _collections.UpsertMetaAsync([point], cancellationToken);
    }

    public async Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(embeddingModel);
        var stale = new List<(UserKey, MemoryItem)>();
        if (max <= 0)
        {
            return stale;
        }

        var current = _names.ModelPrefix(embeddingModel);
        var collections = (await _collections.MemoryCollectionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => !c.StartsWith(current, StringComparison.Ordinal))
            .ToList();
        var filter = QdrantFilters.NotEmbeddedBy(embeddingModel);
        foreach (var collection in collections)
        {
            var points = await _collections.ScrollAsync(collection, filter, withVectors: collection != _names.Pending, max - stale.Count, cancellationToken).ConfigureAwait(false);
            stale.AddRange(points.Select(p => (QdrantMemoryPayload.Owner(p.Payload), ToMemory(collection, p))));
            if (stale.Count >= max)
            {
                break;
            }
        }

        QdrantStoreLog.StaleEmbeddingsFound(_logger, stale.Count, embeddingModel, collections.Count);
        return stale;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // Lists collections rather than calling the health RPC: this also proves the API key is accepted.
            await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            QdrantStoreLog.NotReady(_logger, e.StatusCode.ToString(), e);
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<IReadOnlyList<MemoryHistoryEntry>> HistoryAsync(Filter filter, CancellationToken cancellationToken)
    {
        var points = await _collections.ScrollAsync(_names.Meta, filter, withVectors: false, max: null, cancellationToken).ConfigureAwait(false);
        return [.. points
            .Select(p => QdrantHistoryPayload.FromHistoryPoint(p.Payload))
            .OrderBy(h => h.Entry.At)
            .ThenBy(h => h.Sequence)
            .Select(h => h.Entry)];
    }

    private string CollectionOf(MemoryItem memory) =>
        memory.Embedding is { } embedding ? _names.ForModel(memory.EmbeddingModel!, embedding.Length) : _names.Pending;

    private MemoryItem ToMemory(string collection, RetrievedPoint point) =>
        QdrantMemoryPayload.FromFields(point.Payload, collection == _names.Pending ? null : QdrantMemoryPayload.Vector(point.Vectors));

    private static void ValidateUser(UserKey user)
    {
        if (string.IsNullOrEmpty(user.Tenant) || string.IsNullOrEmpty(user.UserId))
        {
            throw new ArgumentException("A memory operation needs a tenant and a user id.", nameof(user));
        }
    }

    private static void Validate(MemoryItem memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (string.IsNullOrEmpty(memory.Id))
        {
            throw new ArgumentException("A memory needs an id.", nameof(memory));
        }

        if (memory.Embedding is { } embedding && (embedding.Length == 0 || string.IsNullOrEmpty(memory.EmbeddingModel)))
        {
            throw new ArgumentException($"Memory '{memory.Id}' has an embedding but no embedding model, or an empty embedding.", nameof(memory));
        }
    }
}
