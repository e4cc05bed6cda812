using Memory.Configuration;
using Memory.Embeddings;
using Memory.Tests.Fakes;
using Memory.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using TestDoubles;

namespace Memory.Tests.Embeddings;

public sealed class CachingEmbeddingGeneratorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeEmbeddingGenerator _inner = new("model-a");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_batch_sends_only_its_misses_once_each_in_one_call()
    {
        using var cache = Create();
        await cache.GenerateAsync(["alpha", "beta"]);
        _inner.Calls.Clear();

        var result = await cache.GenerateAsync(["beta", "gamma", "alpha", "gamma", "delta"]);

        var call = Assert.Single(_inner.Calls);
        Assert.Equal(["gamma", "delta"], call);
        Assert.Equal(5, result.Count);
        Assert.Equal(_inner.Embed("beta"), result[0].Vector.ToArray());
        Assert.Equal(_inner.Embed("gamma"), result[1].Vector.ToArray());
        Assert.Equal(_inner.Embed("alpha"), result[2].Vector.ToArray());
        Assert.Equal(_inner.Embed("gamma"), result[3].Vector.ToArray());
        Assert.Equal(_inner.Embed("delta"), result[4].Vector.ToArray());
    }

    [Fact]
    public async Task A_fully_cached_batch_does_not_call_the_embedder()
    {
        using var cache = Create();
        await cache.GenerateAsync(["alpha", "beta"]);
        _inner.Calls.Clear();

        await cache.GenerateAsync(["beta", "alpha"]);

        Assert.Empty(_inner.Calls);
    }

    [Fact]
    public async Task Vectors_persist_in_sqlite_across_instances()
    {
        using (var first = Create())
        {
            await first.GenerateAsync(["persisted text"]);
        }

        _inner.Calls.Clear();
        using var second = Create(memoryEntries: 0);

        var result = await second.GenerateAsync(["persisted text"]);

        Assert.Empty(_inner.Calls);
        Assert.Equal(_inner.Embed("persisted text"), result[0].Vector.ToArray());
    }

    [Fact]
    public async Task The_cache_file_holds_hashes_never_the_text()
    {
        using var cache = Create();

        await cache.GenerateAsync(["Tamarind-unique-cache-probe 4471"]);

        Assert.NotEmpty(Directory.GetFiles(_directory.Path, CachingEmbeddingGenerator.FileName + "*"));
        Assert.Empty(_directory.FilesContaining("Tamarind-unique-cache-probe"));
    }

    [Fact]
    public async Task Entries_are_kept_per_model()
    {
        using var cache = Create();
        await cache.GenerateAsync(["shared text"]);
        _inner.ModelId = "model-b";
        _inner.Calls.Clear();

        await cache.GenerateAsync(["shared text"]);
        await cache.GenerateAsync(["shared text"], new EmbeddingGenerationOptions { ModelId = "model-a" });

        Assert.Single(_inner.Calls);
    }

    [Fact]
    public async Task Forget_drops_the_texts_from_memory_and_disk()
    {
        using var cache = Create();
        await cache.GenerateAsync(["forget me", "keep me"]);
        _inner.Calls.Clear();

        await ((IEmbeddingCache)cache).ForgetAsync(["forget me"]);
        await cache.GenerateAsync(["forget me", "keep me"]);

        Assert.Equal(["forget me"], Assert.Single(_inner.Calls));
    }

    [Fact]
    public void The_cache_is_found_through_the_generator_and_metadata_comes_from_the_inner_one()
    {
        using var cache = Create();

        Assert.Same(cache, cache.GetService<IEmbeddingCache>());
        Assert.Equal("model-a", cache.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task The_in_memory_lru_keeps_at_most_its_capacity()
    {
        using var cache = Create(memoryEntries: 2);
        await cache.GenerateAsync(["one", "two", "three"]);

        // Evicted from memory, still served from SQLite without calling the embedder.
        _inner.Calls.Clear();
        await cache.GenerateAsync(["one"]);

        Assert.Empty(_inner.Calls);
    }

    [Fact]
    public async Task A_new_text_and_the_user_who_caused_it_go_to_disk_in_one_commit_and_erasure_still_finds_it()
    {
        var user = new Memory.Model.UserKey("acme", "ana");
        using var cache = Create();
        using (EmbeddingOwner.Use(user))
        {
            for (var i = 0; i < 8; i++)
            {
                await cache.GenerateAsync([$"memory number {i}"]);
                await cache.FlushAsync();
            }
        }

        // One transaction per new text (it was two: the entry, then its owner record in a second one).
        Assert.Equal(8, cache.Commits);

        await cache.ForgetUserAsync(user, []);
        _inner.Calls.Clear();
        using var reopened = Create(memoryEntries: 0);
        using (EmbeddingOwner.Use(user))
        {
            await reopened.GenerateAsync(["memory number 3"]);
        }

        Assert.Single(_inner.Calls); // the erased user's entry is gone from disk: computed again
    }

    [Fact]
    public async Task Queries_are_cached_in_memory_per_user_never_on_disk_and_erasure_drops_them()
    {
        var ana = new Memory.Model.UserKey("acme", "ana");
        var bob = new Memory.Model.UserKey("acme", "bob");
        using var cache = Create();
        using (EmbeddingOwner.Use(ana))
        {
            var first = await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
            var again = await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
            Assert.Equal(first[0].Vector.ToArray(), again[0].Vector.ToArray());
        }

        Assert.Single(_inner.Calls); // the second ask came from memory
        await cache.FlushAsync();
        Assert.Equal(0, cache.Commits); // and nothing went to disk

        using (EmbeddingOwner.Use(bob))
        {
            await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        Assert.Equal(2, _inner.Calls.Count); // kept per user: bob's ask is his own entry

        await cache.ForgetUserAsync(ana, []);
        _inner.Calls.Clear();
        using (EmbeddingOwner.Use(ana))
        {
            await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        using (EmbeddingOwner.Use(bob))
        {
            await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        Assert.Single(_inner.Calls); // ana's entry went with her erasure; bob's stayed

        using var reopened = Create();
        _inner.Calls.Clear();
        using (EmbeddingOwner.Use(bob))
        {
            await reopened.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        Assert.Single(_inner.Calls); // a new process has no query on disk to read

        using (EmbeddingOwner.Use(bob))
        {
            cache.ForgetQueries(["where do I live?"]); // as a prefetched query nobody took is dropped
            _inner.Calls.Clear();
            await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        Assert.Single(_inner.Calls); // forgetting the query drops the entry of it
        Assert.Equal(0, cache.Commits); // all of it without a disk write
    }

    [Fact]
    public async Task A_query_being_embedded_while_its_user_is_erased_is_not_cached_when_it_lands()
    {
        var ana = new Memory.Model.UserKey("acme", "ana");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gated = new GatedEmbedder(_inner, gate.Task);
        using var cache = new CachingEmbeddingGenerator(gated, _directory.Path, new EmbeddingCacheOptions { MemoryEntries = 16 },
            TimeProvider.System, NullLogger<CachingEmbeddingGenerator>.Instance);
        using (EmbeddingOwner.Use(ana))
        {
            var inFlight = cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
            await cache.ForgetUserAsync(ana, []);
            gate.SetResult();
            await inFlight; // the caller still gets its vector

            _inner.Calls.Clear();
            await cache.GenerateAsync(["where do I live?"], EmbeddingInputs.Query());
        }

        Assert.Single(_inner.Calls); // it was not kept for the erased user
    }

    private sealed class GatedEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, Task gate)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await gate;
            return await base.GenerateAsync(values, options, cancellationToken);
        }
    }

    [Fact]
    public async Task Writes_waiting_together_share_one_commit()
    {
        using var cache = Create();
        await cache.GenerateAsync(["warm the file"]);
        await cache.FlushAsync();
        var before = cache.Commits;

        // Many callers' misses at once (a burst of new queries): their writes queue while one commit is under way.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => cache.GenerateAsync([$"burst {i}"]))));
        await cache.FlushAsync();

        Assert.InRange(cache.Commits - before, 1, 64); // at most one commit per caller, fewer when they overlap
        _inner.Calls.Clear();
        using var reopened = Create(memoryEntries: 0);
        await reopened.GenerateAsync(Enumerable.Range(0, 64).Select(i => $"burst {i}").ToList());
        Assert.Empty(_inner.Calls); // every one of them is on disk
    }

    private CachingEmbeddingGenerator Create(int memoryEntries = 16) => new(
        _inner, _directory.Path, new EmbeddingCacheOptions { MemoryEntries = memoryEntries }, TimeProvider.System,
        NullLogger<CachingEmbeddingGenerator>.Instance);
}
