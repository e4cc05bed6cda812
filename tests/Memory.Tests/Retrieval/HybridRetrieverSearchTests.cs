using Memory.Model;
using Memory.Retrieval;
using Microsoft.Extensions.AI;

namespace Memory.Tests.Retrieval;

public class HybridRetrieverSearchTests
{
    private readonly RetrieverFixture _f = new();

    [Fact]
    public async Task Search_puts_the_memory_that_answers_the_query_first()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("m1", "Alice is vegetarian and avoids all meat and fish.", confidence: 0.9),
            _f.Item("m2", "Alice prefers short, concise answers without bullet lists.", "docs", 0.8),
            _f.Item("m3", "Alice might be interested in marathon running.", "search", 0.3));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice,
            new MemorySearchRequest { Query = "what should I cook for dinner tonight, any meat or fish ideas?", Limit = 3 });

        Assert.Equal("m1", results[0].Memory.Id);
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score || p.Second.Score >= 0));
    }

    // 0: dense search goes to the store (filters pushed down); the default: in process, over the cached index.
    [Theory]
    [InlineData(0)]
    [InlineData(20_000)]
    public async Task Context_filter_applies_before_top_k(int inProcessMax)
    {
        _f.Options.InProcessDenseMaxMemories = inProcessMax;
        var many = Enumerable.Range(0, 500)
            .Select(i => _f.Item($"c{i}", $"Alice hiked the lake trail number {i} and loved the hiking trails by the lake."))
            .ToArray();
        await _f.AddAsync(RetrieverFixture.Alice, many);
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("d1", "Alice wrote documentation about a lake.", "docs"),
            _f.Item("d2", "Alice keeps notes on trail maps.", "docs"));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice,
            new MemorySearchRequest { Query = "hiking trails by the lake", Limit = 10, Contexts = ["docs"] });

        Assert.Equal(["d1", "d2"], results.Select(r => r.Memory.Id).Order());
        if (inProcessMax == 0)
        {
            Assert.Equal(["docs"], _f.Store.LastSearchFilter?.Contexts);
        }
        else
        {
            Assert.Equal(0, _f.Store.SearchCalls);
        }
    }

    [Fact]
    public async Task Min_confidence_applies_before_top_k()
    {
        await _f.AddAsync(RetrieverFixture.Alice, Enumerable.Range(0, 500)
            .Select(i => _f.Item($"low{i}", $"Alice may like marathon running, guess {i}.", confidence: 0.3)).ToArray());
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("sure1", "Alice ran a marathon in Berlin.", confidence: 0.9),
            _f.Item("sure2", "Alice trains for running races on Sundays.", confidence: 0.8));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice,
            new MemorySearchRequest { Query = "marathon running", Limit = 10, MinConfidence = 0.5 });

        Assert.Equal(["sure1", "sure2"], results.Select(r => r.Memory.Id).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20_000)]
    public async Task Max_age_keeps_only_memories_that_occurred_recently(int inProcessMax)
    {
        _f.Options.InProcessDenseMaxMemories = inProcessMax;
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("old", "Alice adopted a cat named Tom.", ageDays: 400),
            _f.Item("new", "Alice's cat Tom likes tuna.", ageDays: 3));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice,
            new MemorySearchRequest { Query = "cat", Limit = 10, MaxAgeDays = 30 });

        Assert.Equal(["new"], results.Select(r => r.Memory.Id));
        if (inProcessMax == 0)
        {
            Assert.Equal(_f.Time.GetUtcNow() - TimeSpan.FromDays(30), _f.Store.LastSearchFilter?.OccurredAfter);
        }
    }

    [Fact]
    public async Task In_process_dense_search_ranks_as_the_store_does()
    {
        await _f.AddAsync(RetrieverFixture.Alice, Enumerable.Range(0, 120)
            .Select(i => _f.Item($"m{i}", $"Alice note {i}: {(i % 3 == 0 ? "violin lessons" : i % 3 == 1 ? "garden tomatoes" : "train to Porto")} on day {i}.",
                i % 4 == 0 ? "docs" : "chat", 0.5 + (i % 5 * 0.1), ageDays: i)).ToArray());
        var request = new MemorySearchRequest { Query = "violin lessons on a train", Limit = 25, Contexts = ["chat"], MinConfidence = 0.6, MaxAgeDays = 90 };

        _f.Options.InProcessDenseMaxMemories = 0;
        var viaStore = await _f.Create().SearchAsync(RetrieverFixture.Alice, request);
        var storeCalls = _f.Store.SearchCalls;
        _f.Options.InProcessDenseMaxMemories = 20_000;
        var inProcess = await _f.Create().SearchAsync(RetrieverFixture.Alice, request);

        Assert.Equal(1, storeCalls);
        Assert.Equal(storeCalls, _f.Store.SearchCalls);
        Assert.Equal(viaStore.Select(r => r.Memory.Id), inProcess.Select(r => r.Memory.Id));
        Assert.Equal(viaStore.Select(r => Math.Round(r.Score, 6)), inProcess.Select(r => Math.Round(r.Score, 6)));
    }

    [Fact]
    public async Task Users_above_the_in_process_limit_are_searched_by_the_store()
    {
        _f.Options.InProcessDenseMaxMemories = 2;
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."), _f.Item("b", "Alice likes tea."));
        await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        Assert.Equal(0, _f.Store.SearchCalls);

        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("c", "Alice owns a bicycle."));
        await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        Assert.Equal(1, _f.Store.SearchCalls);
    }

    [Fact]
    public async Task Search_excludes_superseded_memories_unless_asked()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("then", "Alice lives in Paris.", validTo: _f.Time.GetUtcNow().AddDays(-1)),
            _f.Item("now", "Alice lives in Lyon."));
        var retriever = _f.Create();

        var current = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "where does Alice live, Paris?" });
        var all = await retriever.SearchAsync(RetrieverFixture.Alice,
            new MemorySearchRequest { Query = "where does Alice live, Paris?", IncludeSuperseded = true });

        Assert.Equal(["now"], current.Select(r => r.Memory.Id));
        Assert.Equal(["now", "then"], all.Select(r => r.Memory.Id).Order());
    }

    [Fact]
    public async Task Limit_defaults_to_ten_and_is_capped_at_one_hundred()
    {
        await _f.AddAsync(RetrieverFixture.Alice, Enumerable.Range(0, 150)
            .Select(i => _f.Item($"m{i}", $"Alice played chess game {i}.")).ToArray());
        var retriever = _f.Create();

        var unspecified = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "chess", Limit = 0 });
        var huge = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "chess", Limit = 1000 });

        Assert.Equal(10, unspecified.Count);
        Assert.Equal(100, huge.Count);
    }

    [Fact]
    public async Task A_user_with_no_memories_gets_an_empty_result()
    {
        var results = await _f.Create().SearchAsync(new UserKey("acme", "nobody"), new MemorySearchRequest { Query = "anything" });
        Assert.Empty(results);
    }

    [Fact]
    public async Task Tenants_and_users_never_see_each_others_memories_through_the_cache()
    {
        var otherTenant = new UserKey("globex", "alice");
        var otherUser = new UserKey("acme", "bob");
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."));
        await _f.AddAsync(otherTenant, _f.Item("g", "This Alice plays the violin too."));
        await _f.AddAsync(otherUser, _f.Item("b", "Bob plays the violin."));
        var retriever = _f.Create();

        var first = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        var tenant = await retriever.SearchAsync(otherTenant, new MemorySearchRequest { Query = "violin" });
        var user = await retriever.SearchAsync(otherUser, new MemorySearchRequest { Query = "violin" });
        var again = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });

        Assert.Equal(["a"], first.Select(r => r.Memory.Id));
        Assert.Equal(["g"], tenant.Select(r => r.Memory.Id));
        Assert.Equal(["b"], user.Select(r => r.Memory.Id));
        Assert.Equal(["a"], again.Select(r => r.Memory.Id));
        Assert.Equal(3, retriever.Indexes.Count);
    }

    [Fact]
    public async Task The_index_is_cached_until_invalidated()
    {
        _f.Options.DenseWeight = 0; // lexical only: what BM25 sees is what the cache holds
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."));
        var retriever = _f.Create();
        await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("b", "Alice bought a new violin bow."));

        var cached = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        retriever.Invalidate(RetrieverFixture.Alice);
        var refreshed = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });

        Assert.Equal(["a"], cached.Select(r => r.Memory.Id));
        Assert.Equal(["a", "b"], refreshed.Select(r => r.Memory.Id).Order());
        Assert.Equal(2, _f.Store.ListCalls);
    }

    [Fact]
    public async Task The_index_is_rebuilt_after_its_time_to_live()
    {
        _f.Options.IndexTimeToLive = TimeSpan.FromMinutes(5);
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."));
        var retriever = _f.Create();
        await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        _f.Time.Advance(TimeSpan.FromMinutes(6));
        await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });
        Assert.Equal(2, _f.Store.ListCalls);
    }

    [Fact]
    public async Task A_failing_embedder_leaves_lexical_search_working()
    {
        _f.Embedder = new FailingEmbedder();
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."), _f.Item("b", "Alice likes tea."));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });

        Assert.Equal("a", results[0].Memory.Id);
        Assert.Equal(0, _f.Store.SearchCalls);
    }

    [Fact]
    public async Task Dense_search_asks_the_store_for_the_embedders_model()
    {
        _f.Options.InProcessDenseMaxMemories = 0;
        var store = new RecordingStore(_f.Store);
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."));
        var retriever = new HybridRetriever(store, _f.Hash, _f.Tokens, Microsoft.Extensions.Options.Options.Create(_f.Memory),
            Microsoft.Extensions.Options.Options.Create(_f.Options), _f.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<HybridRetriever>.Instance);

        await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "violin" });

        Assert.Equal(["hash-v1-512"], store.Models);
    }

    [Fact]
    public async Task Near_duplicates_give_way_to_other_facts_with_mmr()
    {
        _f.Options.MmrLambda = 0.5;
        _f.Options.LexicalWeight = 0.3; // relevance gaps of the 0.3/0.7 fusion: b covers two of the three query words,
        _f.Options.DenseWeight = 0.7;   // and a heavier lexical weight widens its gap past what lambda 0.5 trades
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("a1", "Alice loves Italian food, especially pasta."),
            _f.Item("a2", "Alice loves Italian food, especially pasta dishes."),
            _f.Item("b", "On weekends Alice cooks fresh pasta from an Italian recipe book."));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "Italian food pasta", Limit = 2 });

        Assert.Contains("b", results.Select(r => r.Memory.Id));
    }

    private sealed class FailingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("embedding service down");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Only_the_end_of_a_long_query_is_embedded_while_bm25_sees_all_of_it()
    {
        var recorder = new RecordingEmbedder(_f.Hash);
        _f.Embedder = recorder;
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("a", "Alice plays the violin."), _f.Item("b", "Alice grows tomatoes."));
        var pasted = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet tomatoes", 100));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = pasted + " Which instrument do I play? violin", Limit = 2 });

        var embedded = Assert.Single(recorder.Texts);
        Assert.True(embedded.Length <= _f.Options.MaxQueryEmbeddingCharacters, $"embedded {embedded.Length} characters");
        Assert.EndsWith("Which instrument do I play? violin", embedded, StringComparison.Ordinal);
        Assert.False(char.IsWhiteSpace(embedded[0]));
        Assert.Equal(["a", "b"], results.Select(r => r.Memory.Id).Order()); // "tomatoes" only in the part BM25 alone saw
    }

    [Theory]
    [InlineData("short query", 600, "short query")]
    [InlineData("one two three four", 9, "four")]
    [InlineData("abcdefghij", 4, "ghij")]
    [InlineData("anything", 0, "anything")]
    public void The_embedded_part_is_the_end_of_the_query_from_a_word(string query, int max, string expected) =>
        Assert.Equal(expected, HybridRetriever.EmbeddedPart(query, max));

    private sealed class RecordingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public List<string> Texts { get; } = [];

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            lock (Texts)
            {
                Texts.AddRange(list);
            }

            return base.GenerateAsync(list, options, cancellationToken);
        }
    }
}
