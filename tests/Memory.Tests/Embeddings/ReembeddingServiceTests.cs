using Memory.Model;
using Memory.Stores;
using Memory.Tests.Support;

namespace Memory.Tests.Embeddings;

public sealed class ReembeddingServiceTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private static readonly UserKey Bob = new("globex", "bob");
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_model_change_re_embeds_every_users_memories_in_batches()
    {
        _h.Embedder.ModelId = "old-model";
        await _h.Service.WriteAsync(Alice, Enumerable.Range(0, 5).Select(i => new NewMemory { Text = $"Alice fact number {i}" }).ToList(), null);
        await _h.Service.WriteAsync(Bob, Enumerable.Range(0, 3).Select(i => new NewMemory { Text = $"Bob fact number {i}" }).ToList(), null);
        _h.Embedder.ModelId = "new-model";
        _h.Embedder.Calls.Clear();
        var service = _h.CreateReembedding();

        // Before: dense search by the new model sees nothing, lexical search still serves.
        Assert.Empty(await _h.Store.SearchAsync(Alice, _h.Embedder.Embed("Alice fact number 1"), "new-model", MemoryFilter.Current, 10));
        Assert.NotEmpty(await _h.Service.SearchAsync(Alice, new MemorySearchRequest { Query = "fact" }));

        Assert.Equal(3, await service.RunOnceAsync(3));
        Assert.Equal(3, await service.RunOnceAsync(3));
        Assert.Equal(2, await service.RunOnceAsync(3));
        Assert.Equal(0, await service.RunOnceAsync(3));

        Assert.Equal([3, 3, 2], _h.Embedder.Calls.Select(c => c.Count));
        Assert.Empty(await _h.Store.ListStaleEmbeddingsAsync("new-model", 100));
        var top = (await _h.Store.SearchAsync(Alice, _h.Embedder.Embed("Alice fact number 1"), "new-model", MemoryFilter.Current, 1))[0];
        Assert.Equal("Alice fact number 1", top.Memory.Text);
        Assert.Equal(5, (await _h.Store.SearchAsync(Alice, _h.Embedder.Embed("x"), "new-model", MemoryFilter.Current, 10)).Count);
        Assert.Contains(Alice, _h.Retriever.Invalidations);
        Assert.Contains(Bob, _h.Retriever.Invalidations);
    }

    [Fact]
    public async Task Re_embedding_keeps_every_other_field_and_records_no_history()
    {
        _h.Embedder.ModelId = "old-model";
        var id = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice sings.", Confidence = 0.4, Sources = ["m1"] }], null))[0].Id;
        var before = await _h.Store.GetAsync(Alice, id);
        _h.Embedder.ModelId = "new-model";

        await _h.CreateReembedding().RunOnceAsync(10);

        var after = await _h.Store.GetAsync(Alice, id);
        Assert.NotNull(after);
        Assert.Equal("new-model", after.EmbeddingModel);
        Assert.NotNull(before);
        Assert.Equal(before.Text, after.Text);
        Assert.Equal(before.Confidence, after.Confidence);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(before.Sources, after.Sources);
        Assert.Single(await _h.Service.GetHistoryAsync(Alice, id));
    }

    [Fact]
    public async Task Nothing_stale_means_no_embedder_call()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice sings." }], null);
        _h.Embedder.Calls.Clear();

        Assert.Equal(0, await _h.CreateReembedding().RunOnceAsync(10));
        Assert.Empty(_h.Embedder.Calls);
    }
}
