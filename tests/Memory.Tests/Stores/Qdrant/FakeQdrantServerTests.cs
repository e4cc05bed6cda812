using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using TestDoubles.Qdrant;
using static Qdrant.Client.Grpc.Conditions;
using QRange = Qdrant.Client.Grpc.Range;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>The loopback fake behaves like Qdrant where the store relies on it: errors Qdrant would answer,
/// filter semantics, cosine scores, scroll pages. Driven through the real Qdrant.Client.</summary>
public sealed class FakeQdrantServerTests : IAsyncLifetime
{
    private const string Collection = "things";
    private FakeQdrantServer _server = null!;
    private QdrantClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync(new FakeQdrantOptions { RequireIndexedFilterFields = false });
        _client = QdrantTestStores.Client(_server.Url);
        await _client.CreateCollectionAsync(Collection, new VectorParams { Size = 2, Distance = Distance.Cosine });
        await _client.UpsertAsync(Collection,
        [
            Point(1, [1f, 0f], new() { ["tag"] = "red", ["n"] = 1L, ["tags"] = new[] { "a", "b" } }),
            Point(2, [0f, 1f], new() { ["tag"] = "blue", ["n"] = 5L, ["score"] = 0.5 }),
            Point(3, [1f, 1f], new() { ["tag"] = "red", ["n"] = 9L, ["gone"] = new Value { NullValue = NullValue.NullValue } }),
            Point(4, [-1f, 0f], new() { ["items"] = new Value[] { new Dictionary<string, Value> { ["kind"] = "x", ["size"] = 3L }, new Dictionary<string, Value> { ["kind"] = "y", ["size"] = 7L } } }),
        ]);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_collection_is_not_found()
    {
        var upsert = await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync("nope", [Point(1, [1f, 0f], [])]));
        var query = await Assert.ThrowsAsync<RpcException>(() => _client.QueryAsync("nope", new float[] { 1f, 0f }));
        var scroll = await Assert.ThrowsAsync<RpcException>(() => _client.ScrollAsync("nope"));

        Assert.All([upsert, query, scroll], e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Contains("doesn't exist", upsert.Status.Detail, StringComparison.Ordinal);
        Assert.False(await _client.CollectionExistsAsync("nope"));
    }

    [Fact]
    public async Task A_vector_of_the_wrong_size_is_an_invalid_argument()
    {
        var upsert = await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync(Collection, [Point(9, [1f, 0f, 0f], [])]));
        var query = await Assert.ThrowsAsync<RpcException>(() => _client.QueryAsync(Collection, new float[] { 1f }));

        Assert.Equal(StatusCode.InvalidArgument, upsert.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, query.StatusCode);
        Assert.Contains("expected dim: 2, got 3", upsert.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(4ul, await _client.CountAsync(Collection));
    }

    [Fact]
    public async Task Creating_an_existing_collection_is_already_exists()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateCollectionAsync(Collection, new VectorParams { Size = 2, Distance = Distance.Cosine }));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task Cosine_scores_rank_the_nearest_points_first()
    {
        var hits = await _client.QueryAsync(Collection, new float[] { 2f, 0f }, limit: 3);

        Assert.Equal([1ul, 3ul, 2ul], hits.Select(h => h.Id.Num));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(MathF.Sqrt(0.5f), hits[1].Score, 5);
        Assert.Equal(0f, hits[2].Score, 5);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_select_points_as_qdrant_does(string name, Filter filter, ulong[] expected)
    {
        var page = await _client.ScrollAsync(Collection, filter, limit: 10);

        Assert.True(expected.SequenceEqual(page.Result.Select(p => p.Id.Num)), $"{name}: got [{string.Join(", ", page.Result.Select(p => p.Id.Num))}]");
    }

    public static TheoryData<string, Filter, ulong[]> Filters() => new()
    {
        { "keyword", MatchKeyword("tag", "red"), [1, 3] },
        { "keyword in array", MatchKeyword("tags", "b"), [1] },
        { "any of keywords", Match("tag", ["blue", "green"]), [2] },
        { "except keywords (missing counts)", MatchExcept("tag", ["red"]), [2, 4] },
        { "integer", Match("n", 5L), [2] },
        { "range", Range("n", new QRange { Gte = 5, Lt = 9 }), [2] },
        { "range on a double", Range("score", new QRange { Gt = 0.4 }), [2] },
        { "is_empty (missing or null)", IsEmpty("gone"), [1, 2, 3, 4] },
        { "is_empty on a present key", IsEmpty("tag"), [4] },
        { "is_null", IsNull("gone"), [3] },
        { "has_id", HasId([2ul, 4ul]), [2, 4] },
        { "must_not", new Filter { MustNot = { MatchKeyword("tag", "red") } }, [2, 4] },
        { "should", new Filter { Should = { Match("n", 1L), Match("n", 9L) } }, [1, 3] },
        { "must and should", new Filter { Must = { MatchKeyword("tag", "red") }, Should = { Match("n", 9L), Match("n", 5L) } }, [3] },
        { "min_should", new Filter { MinShould = new MinShould { MinCount = 2, Conditions = { MatchKeyword("tag", "red"), Range("n", new QRange { Gt = 3 }), HasId(1ul) } } }, [1, 3] },
        { "nested filter", new Filter { Must = { Conditions.Filter(new Filter { Should = { HasId(1ul), HasId(2ul) } }) } }, [1, 2] },
        { "nested array objects", Nested("items", new Filter { Must = { MatchKeyword("kind", "y"), Range("size", new QRange { Gt = 5 }) } }), [4] },
        { "nested needs one element to match all", Nested("items", new Filter { Must = { MatchKeyword("kind", "x"), Range("size", new QRange { Gt = 5 }) } }), [] },
        { "array path", MatchKeyword("items[].kind", "x"), [4] },
    };

    [Fact]
    public async Task Scroll_pages_follow_the_next_page_offset_in_id_order()
    {
        var first = await _client.ScrollAsync(Collection, limit: 3);
        var second = await _client.ScrollAsync(Collection, limit: 3, offset: first.NextPageOffset);

        Assert.Equal([1ul, 2ul, 3ul], first.Result.Select(p => p.Id.Num));
        Assert.Equal(4ul, first.NextPageOffset.Num);
        Assert.Equal([4ul], second.Result.Select(p => p.Id.Num));
        Assert.Null(second.NextPageOffset);
    }

    [Fact]
    public async Task Strict_mode_rejects_a_filter_on_a_key_without_a_suitable_index()
    {
        await using var strict = await FakeQdrantServer.StartAsync();
        using var client = QdrantTestStores.Client(strict.Url);
        await client.CreateCollectionAsync(Collection, new VectorParams { Size = 2, Distance = Distance.Cosine });
        await client.CreatePayloadIndexAsync(Collection, "tag", PayloadSchemaType.Keyword);

        var unindexed = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync(Collection, MatchKeyword("other", "x")));
        var wrongType = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync(Collection, Range("tag", new QRange { Gt = 1 })));

        Assert.Equal(StatusCode.InvalidArgument, unindexed.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, wrongType.StatusCode);
        Assert.Equal(0ul, await client.CountAsync(Collection, MatchKeyword("tag", "x")));
    }

    [Fact]
    public async Task Tenant_flags_of_payload_indexes_are_kept()
    {
        await _client.CreatePayloadIndexAsync(Collection, "owner", PayloadSchemaType.Keyword,
            new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } });
        await _client.CreatePayloadIndexAsync(Collection, "tag", PayloadSchemaType.Keyword);

        Assert.Equal([new PayloadIndexInfo("owner", "Keyword", true), new PayloadIndexInfo("tag", "Keyword", false)], _server.PayloadIndexes(Collection));
        var info = await _client.GetCollectionInfoAsync(Collection);
        Assert.True(info.PayloadSchema["owner"].Params.KeywordIndexParams.IsTenant);
    }

    [Fact]
    public async Task Index_params_of_another_type_are_rejected()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreatePayloadIndexAsync(Collection, "n", PayloadSchemaType.Float,
            new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Delete_by_filter_removes_only_matching_points()
    {
        await _client.DeleteAsync(Collection, MatchKeyword("tag", "red"));

        Assert.Equal([2ul, 4ul], (await _client.ScrollAsync(Collection)).Result.Select(p => p.Id.Num));
    }

    private static PointStruct Point(ulong id, float[] vector, Dictionary<string, Value> payload)
    {
        var point = new PointStruct { Id = id, Vectors = vector };
        point.Payload.Add(payload);
        return point;
    }
}
