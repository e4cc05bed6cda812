using Grpc.Core;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Qdrant's <c>qdrant.Collections</c> service over the in-memory state: create (with Qdrant's name and
/// vector-config validation), get, list, exists and delete. Calls it does not implement answer Unimplemented.</summary>
internal sealed class FakeCollectionsService(FakeQdrantState state) : global::Qdrant.Client.Grpc.Collections.CollectionsBase
{
    private static readonly char[] ForbiddenNameChars = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0', '\u001f'];

    public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        var name = request.CollectionName;
        if (name.Length is 0 or > 255 || name.IndexOfAny(ForbiddenNameChars) >= 0)
        {
            throw QdrantErrors.Validation($"collection_name: invalid collection name `{name}`");
        }

        if (request.VectorsConfig is null)
        {
            throw QdrantErrors.NotSupportedByFake("collections without a dense vector");
        }

        if (request.VectorsConfig.ConfigCase != VectorsConfig.ConfigOneofCase.Params)
        {
            throw QdrantErrors.NotSupportedByFake("named vectors");
        }

        var vectors = request.VectorsConfig.Params;
        if (vectors.Size is 0 or > 65536)
        {
            throw QdrantErrors.Validation($"vectors_config.size: value {vectors.Size} invalid, must be from 1 to 65536");
        }

        if (vectors.Distance == Distance.UnknownDistance)
        {
            throw QdrantErrors.BadInput("Unknown distance type");
        }

        if (request is { HasShardNumber: true, ShardNumber: 0 } or { HasReplicationFactor: true, ReplicationFactor: 0 })
        {
            throw QdrantErrors.Validation("shard_number and replication_factor must be 1 or larger");
        }

        lock (state.Gate)
        {
            if (state.Collections.ContainsKey(name))
            {
                throw QdrantErrors.CollectionExists(name);
            }

            state.Collections[name] = new FakeCollection(
                name,
                vectors.Size,
                vectors.Distance,
                request.HasShardNumber ? request.ShardNumber : 1,
                request.HasReplicationFactor ? request.ReplicationFactor : 1);
        }

        return Task.FromResult(new CollectionOperationResponse { Result = true, Time = 0.001 });
    }

    public override Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context)
    {
        bool removed;
        lock (state.Gate)
        {
            removed = state.Collections.Remove(request.CollectionName);
        }

        return Task.FromResult(new CollectionOperationResponse { Result = removed, Time = 0.001 });
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
    {
        bool exists;
        lock (state.Gate)
        {
            exists = state.Collections.ContainsKey(request.CollectionName);
        }

        return Task.FromResult(new CollectionExistsResponse { Result = new CollectionExists { Exists = exists }, Time = 0.001 });
    }

    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        var response = new ListCollectionsResponse { Time = 0.001 };
        lock (state.Gate)
        {
            response.Collections.Add(state.Collections.Keys.Order(StringComparer.Ordinal)
                .Select(n => new CollectionDescription { Name = n }));
        }

        return Task.FromResult(response);
    }

    public override Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                SegmentsCount = 1,
                PointsCount = (ulong)collection.Points.Count,
                IndexedVectorsCount = 0,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams
                    {
                        ShardNumber = collection.ShardNumber,
                        ReplicationFactor = collection.ReplicationFactor,
                        VectorsConfig = new VectorsConfig
                        {
                            Params = new VectorParams { Size = collection.VectorSize, Distance = collection.Distance },
                        },
                    },
                    HnswConfig = new HnswConfigDiff(),
                    OptimizerConfig = new OptimizersConfigDiff(),
                    WalConfig = new WalConfigDiff(),
                },
                UpdateQueue = new UpdateQueueInfo(),
            };
            foreach (var (field, schema) in collection.Indexes)
            {
                var indexed = (ulong)collection.Points.Values.Count(p => PayloadPath.Resolve(p.Payload, field).Count > 0);
                info.PayloadSchema[field] = new PayloadSchemaInfo(schema) { Points = indexed };
            }

            return Task.FromResult(new GetCollectionInfoResponse { Result = info, Time = 0.001 });
        }
    }
}
