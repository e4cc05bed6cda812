using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Keys = Memory.Stores.Qdrant.QdrantPayloadKeys;

namespace Memory.Stores.Qdrant;

/// <summary>Creates this deployment's collections on first use, with cosine distance, the configured sharding and
/// replication, and their payload indexes (the user key as Qdrant's tenant index). Safe when several gateway
/// replicas race: a create that loses to another writer is accepted once the collection exists.</summary>
internal sealed class QdrantCollectionProvisioner(QdrantClient client, QdrantOptions options, ILogger logger)
{
    private static readonly (string Field, PayloadSchemaType Type)[] MemoryIndexes =
    [
        (Keys.Context, PayloadSchemaType.Keyword),
        (Keys.Confidence, PayloadSchemaType.Float),
        (Keys.OccurredAt, PayloadSchemaType.Integer),
        (Keys.CreatedAt, PayloadSchemaType.Integer),
        (Keys.ValidTo, PayloadSchemaType.Integer),
        (Keys.Model, PayloadSchemaType.Keyword),
    ];

    private static readonly (string Field, PayloadSchemaType Type)[] MetaIndexes =
    [
        (Keys.Kind, PayloadSchemaType.Keyword),
        (Keys.MemoryId, PayloadSchemaType.Keyword),
        (Keys.BeforeMemoryId, PayloadSchemaType.Keyword),
        (Keys.AfterMemoryId, PayloadSchemaType.Keyword),
    ];

    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new(StringComparer.Ordinal);

    /// <summary>Makes sure a memory collection of <paramref name="dimensions"/> exists with its indexes.</summary>
    public Task EnsureMemoryCollectionAsync(string name, int dimensions, CancellationToken cancellationToken = default) =>
        EnsureAsync(name, dimensions, MemoryIndexes, cancellationToken);

    /// <summary>Makes sure the history and consent collection exists with its indexes.</summary>
    public Task EnsureMetaCollectionAsync(string name, CancellationToken cancellationToken = default) =>
        EnsureAsync(name, QdrantMemoryPayload.Placeholder.Length, MetaIndexes, cancellationToken);

    /// <summary>Forgets that a collection was ensured (it was deleted behind this process's back).</summary>
    public void Forget(string name) => _ensured.TryRemove(name, out _);

    private async Task EnsureAsync(string name, int dimensions, (string Field, PayloadSchemaType Type)[] indexes, CancellationToken cancellationToken)
    {
        var ensure = _ensured.GetOrAdd(name, n => new Lazy<Task>(() => CreateAsync(n, dimensions, indexes)));
        try
        {
            await ensure.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (ensure.Value.IsFaulted || ensure.Value.IsCanceled)
        {
            _ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, ensure));
            throw;
        }
    }

    private async Task CreateAsync(string name, int dimensions, (string Field, PayloadSchemaType Type)[] indexes)
    {
        // Not tied to one caller's token: other callers may be waiting on the same creation.
        if (!await client.CollectionExistsAsync(name).ConfigureAwait(false))
        {
            try
            {
                await client.CreateCollectionAsync(CreateRequest(name, dimensions)).ConfigureAwait(false);
                QdrantStoreLog.CollectionCreated(logger, name, dimensions);
            }
            catch (Exception e) when (e is RpcException or QdrantException)
            {
                if (!await client.CollectionExistsAsync(name).ConfigureAwait(false))
                {
                    throw;
                }

                QdrantStoreLog.CollectionCreatedElsewhere(logger, name);
            }
        }

        // Creating an index that exists with the same schema is a no-op in Qdrant, so every process ensures them.
        await client.CreatePayloadIndexAsync(name, Keys.UserKey, PayloadSchemaType.Keyword,
            new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } }).ConfigureAwait(false);
        foreach (var (field, type) in indexes)
        {
            await client.CreatePayloadIndexAsync(name, field, type).ConfigureAwait(false);
        }

        QdrantStoreLog.PayloadIndexesEnsured(logger, indexes.Length + 1, name);
    }

    private CreateCollection CreateRequest(string name, int dimensions)
    {
        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine } },
        };
        if (options.ShardNumber is { } shards)
        {
            request.ShardNumber = shards;
        }

        if (options.ReplicationFactor is { } replicas)
        {
            request.ReplicationFactor = replicas;
        }

        if (options.WriteConsistencyFactor is { } consistency)
        {
            request.WriteConsistencyFactor = consistency;
        }

        return request;
    }
}
