using Memory.Embeddings;
using Memory.Stores;
using Microsoft.Extensions.AI;
using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>A gateway restarted on the same storage directory serves its first search from the stored vectors:
/// nothing asks the embedder for the stored memories again, only for the query.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private const string User = "restart-user";
    private string _data = null!;

    public Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("memtests-restart-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Storage:Directory is the shared folder; TestGateway's own temp folder (deleted on dispose) stays unused.</summary>
    private Task<TestGateway> StartAsync(EmbeddingRecorders recorders) =>
        TestGateway.StartAsync(MiniLmGatewayFixture.MiniLm(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Storage:Directory"] = _data,
        }), recorders.Install);

    [Fact]
    public async Task The_first_search_after_a_restart_embeds_only_the_query()
    {
        var memories = ParaphrasePairs.All.Take(6).ToList();
        var texts = memories.Select(p => p.Memory).ToList();
        var (memory, question) = memories[4];

        var first = new EmbeddingRecorders();
        await using (var gateway = await StartAsync(first))
        {
            MiniLmGatewayFixture.AssertMiniLmServes(gateway);
            var api = new MemoryApiClient(gateway.Client);
            (await api.WriteAsync(User, texts.Select(t => NewMemory(t)).ToArray())).ExpectList("results");

            // The recorders see memory texts when they are embedded, so their absence below means something.
            Assert.Superset(texts.ToHashSet(), first.Requested.ToHashSet());
            Assert.Superset(texts.ToHashSet(), first.Computed.ToHashSet());
        }

        Assert.True(Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).Any(), "the first gateway left no files to restart from");

        var second = new EmbeddingRecorders();
        await using (var gateway = await StartAsync(second))
        {
            MiniLmGatewayFixture.AssertMiniLmServes(gateway);
            var api = new MemoryApiClient(gateway.Client);

            var results = (await api.SearchAsync(User, question, limit: 3)).ExpectList("results");

            // The question shares no word with the memory: only its stored vector can have found it.
            Assert.Equal(memory, Text(results[0]));
            Assert.Contains(question, second.Requested);
            Assert.Contains(question, second.Computed);
            Assert.Empty(second.Requested.Intersect(texts));
            Assert.Empty(second.Computed.Intersect(texts));

            var model = EmbeddingGenerators.ModelIdOf(gateway.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
            Assert.Empty(await gateway.Services.GetRequiredService<IMemoryStore>().ListStaleEmbeddingsAsync(model, 100));
            Assert.Equal(texts.Order(), (await api.TextsAsync(User)).Order());
        }
    }
}
