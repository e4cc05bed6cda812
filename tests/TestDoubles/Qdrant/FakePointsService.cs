using Grpc.Core;
using Qdrant.Client.Grpc;

namespace TestDoubles.Qdrant;

/// <summary>Qdrant's <c>qdrant.Points</c> service over the in-memory state: upsert, get, delete (ids or filter),
/// scroll with offsets, search and query (nearest dense vector), count and payload indexes, with Qdrant's
/// validation (unknown collection, wrong vector size, limits, strict-mode index checks).</summary>
internal sealed class FakePointsService(FakeQdrantState state) : Points.PointsBase
{
    public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        if (request.UpdateFilter is not null || request.HasUpdateMode)
        {
            throw QdrantErrors.NotSupportedByFake("conditional upserts");
        }

        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            var prepared = request.Points
                .Select(p => new FakePoint(PointIdKey.From(p.Id), collection.Prepare(PointViews.FromPoint(p.Vectors)), p.Payload.Clone()))
                .ToList();
            foreach (var point in prepared)
            {
                collection.Points[point.Id] = point;
            }
        }

        return Completed();
    }

    public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            var selector = request.Points ?? throw QdrantErrors.Validation("points: selector is required");
            switch (selector.PointsSelectorOneOfCase)
            {
                case PointsSelector.PointsSelectorOneOfOneofCase.Points:
                    foreach (var id in selector.Points.Ids.Select(PointIdKey.From).ToList())
                    {
                        collection.Points.Remove(id);
                    }

                    break;
                case PointsSelector.PointsSelectorOneOfOneofCase.Filter:
                    CheckIndexes(selector.Filter, collection);
                    foreach (var point in collection.Points.Values.Where(p => FilterEvaluator.Matches(selector.Filter, p)).ToList())
                    {
                        collection.Points.Remove(point.Id);
                    }

                    break;
                default:
                    throw QdrantErrors.Validation("points: selector is required");
            }
        }

        return Completed();
    }

    public override Task<GetResponse> Get(GetPoints request, ServerCallContext context)
    {
        var response = new GetResponse { Time = 0.001 };
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            foreach (var id in request.Ids.Select(PointIdKey.From).Distinct())
            {
                if (collection.Points.TryGetValue(id, out var point))
                {
                    response.Result.Add(PointViews.Retrieved(point, request.WithPayload, request.WithVectors, payloadByDefault: true));
                }
            }
        }

        return Task.FromResult(response);
    }

    public override Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context)
    {
        if (request.OrderBy is not null)
        {
            throw QdrantErrors.NotSupportedByFake("scroll with order_by");
        }

        var limit = request.HasLimit ? request.Limit : 10u;
        if (limit == 0)
        {
            throw QdrantErrors.Validation("limit: value 0 invalid, must be 1 or larger");
        }

        var response = new ScrollResponse { Time = 0.001 };
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            CheckIndexes(request.Filter, collection);
            var start = request.Offset is null ? (PointIdKey?)null : PointIdKey.From(request.Offset);
            var page = collection.Points.Values
                .Where(p => start is null || p.Id.CompareTo(start.Value) >= 0)
                .Where(p => FilterEvaluator.Matches(request.Filter, p))
                .Take((int)limit + 1)
                .ToList();
            foreach (var point in page.Take((int)limit))
            {
                response.Result.Add(PointViews.Retrieved(point, request.WithPayload, request.WithVectors, payloadByDefault: true));
            }

            if (page.Count > limit)
            {
                response.NextPageOffset = page[^1].Id.ToPointId();
            }
        }

        return Task.FromResult(response);
    }

    [Obsolete("Qdrant deprecates Search in favour of Query; the fake still serves it for clients that use it.")]
    public override Task<SearchResponse> Search(SearchPoints request, ServerCallContext context)
    {
        if (request.HasVectorName && request.VectorName.Length > 0)
        {
            throw QdrantErrors.BadInput($"Not existing vector name error: {request.VectorName}");
        }

        if (request.Limit == 0)
        {
            throw QdrantErrors.Validation("limit: value 0 invalid, must be 1 or larger");
        }

        var response = new SearchResponse { Time = 0.001 };
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            CheckIndexes(request.Filter, collection);
            var hits = Nearest(collection, request.Vector, request.Filter, request.HasScoreThreshold ? request.ScoreThreshold : null);
            response.Result.Add(hits.Skip((int)request.Offset).Take((int)request.Limit)
                .Select(h => PointViews.Scored(h.Point, h.Score, request.WithPayload, request.WithVectors)));
        }

        return Task.FromResult(response);
    }

    public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        if (request.Prefetch.Count > 0 || request.LookupFrom is not null)
        {
            throw QdrantErrors.NotSupportedByFake("prefetch and lookup_from in queries");
        }

        if (request.HasUsing && request.Using.Length > 0)
        {
            throw QdrantErrors.BadInput($"Not existing vector name error: {request.Using}");
        }

        var limit = request.HasLimit ? request.Limit : 10ul;
        if (limit == 0)
        {
            throw QdrantErrors.Validation("limit: value 0 invalid, must be 1 or larger");
        }

        var response = new QueryResponse { Time = 0.001 };
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            CheckIndexes(request.Filter, collection);
            var threshold = request.HasScoreThreshold ? request.ScoreThreshold : (float?)null;
            IEnumerable<(FakePoint Point, float Score)> hits = request.Query?.VariantCase switch
            {
                null => collection.Points.Values.Where(p => FilterEvaluator.Matches(request.Filter, p)).Select(p => (p, 0f)),
                global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest =>
                    Nearest(collection, QueryVector(collection, request.Query.Nearest), request.Filter, threshold),
                _ => throw QdrantErrors.NotSupportedByFake($"query variant {request.Query.VariantCase}"),
            };
            response.Result.Add(hits.Skip((int)(request.HasOffset ? request.Offset : 0)).Take((int)limit)
                .Select(h => PointViews.Scored(h.Point, h.Score, request.WithPayload, request.WithVectors)));
        }

        return Task.FromResult(response);
    }

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        ulong count;
        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            CheckIndexes(request.Filter, collection);
            count = (ulong)collection.Points.Values.Count(p => FilterEvaluator.Matches(request.Filter, p));
        }

        return Task.FromResult(new CountResponse { Result = new CountResult { Count = count }, Time = 0.001 });
    }

    public override Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context)
    {
        if (!request.HasFieldType)
        {
            throw QdrantErrors.BadInput("field_type is required");
        }

        var type = FieldIndexTypes.SchemaType(request.FieldType);
        if (request.FieldIndexParams is { } indexParams && !FieldIndexTypes.ParamsMatch(type, indexParams))
        {
            throw QdrantErrors.BadInput($"field_index_params {indexParams.IndexParamsCase} do not match field_type {request.FieldType}");
        }

        lock (state.Gate)
        {
            var collection = state.Require(request.CollectionName);
            collection.Indexes[request.FieldName] = new PayloadSchemaInfo { DataType = type, Params = request.FieldIndexParams?.Clone() };
        }

        return Completed();
    }

    public override Task<PointsOperationResponse> DeleteFieldIndex(DeleteFieldIndexCollection request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            state.Require(request.CollectionName).Indexes.Remove(request.FieldName);
        }

        return Completed();
    }

    private static IReadOnlyList<float> QueryVector(FakeCollection collection, VectorInput input) => input.VariantCase switch
    {
        VectorInput.VariantOneofCase.Dense => input.Dense.Data,
        VectorInput.VariantOneofCase.Id => collection.Points.TryGetValue(PointIdKey.From(input.Id), out var point)
            ? point.Vector
            : throw QdrantErrors.BadInput($"No point with id {PointIdKey.From(input.Id)} found"),
        _ => throw QdrantErrors.NotSupportedByFake($"query input {input.VariantCase}"),
    };

    private static List<(FakePoint Point, float Score)> Nearest(FakeCollection collection, IReadOnlyList<float> vector, Filter? filter, float? threshold)
    {
        var query = collection.Prepare(vector);
        var hits = collection.Points.Values
            .Where(p => FilterEvaluator.Matches(filter, p))
            .Select(p => (Point: p, Score: collection.Score(query, p.Vector)))
            .Where(h => threshold is null || (collection.HigherIsBetter ? h.Score >= threshold : h.Score <= threshold));
        return collection.HigherIsBetter
            ? [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Point.Id)]
            : [.. hits.OrderBy(h => h.Score).ThenBy(h => h.Point.Id)];
    }

    private void CheckIndexes(Filter? filter, FakeCollection collection)
    {
        if (state.Options.RequireIndexedFilterFields)
        {
            StrictModeIndexCheck.Check(filter, collection);
        }
    }

    private static Task<PointsOperationResponse> Completed() => Task.FromResult(new PointsOperationResponse
    {
        Result = new UpdateResult { OperationId = 0, Status = UpdateStatus.Completed },
        Time = 0.001,
    });
}
