using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Hash;
using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Memory.Tests.Fakes;
using Memory.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TestDoubles;

namespace Memory.Tests;

public sealed class MemoryServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddGatewayMemory_wires_a_working_memory_service_over_sqlite_with_the_cache()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Memory:Embedder"] = "hash" });

        Assert.IsType<SqliteMemoryStore>(provider.GetRequiredService<IMemoryStore>());
        Assert.IsType<CachingEmbeddingGenerator>(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is ReembeddingService);
        var service = provider.GetRequiredService<IMemoryService>();
        var user = new UserKey("default", "alice");
        var written = await service.WriteAsync(user, [new NewMemory { Text = "Alice is vegetarian." }], null);
        Assert.Equal(MemoryEvent.Add, written[0].Event);
        Assert.True(File.Exists(Path.Combine(_directory.Path, SqliteMemoryStore.FileName)));
        Assert.True(File.Exists(Path.Combine(_directory.Path, CachingEmbeddingGenerator.FileName)));
    }

    [Fact]
    public async Task The_hash_embedder_is_not_cached_it_is_cheaper_than_the_cache()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGatewayMemory(Configuration(new Dictionary<string, string?> { ["Memory:Embedder"] = "hash" }));
        await using var provider = services.BuildServiceProvider();

        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<HashEmbeddingGenerator>(embedder);
        Assert.Null(embedder.GetService<IEmbeddingCache>());
        await embedder.GenerateAsync(["Alice is vegetarian."]);
        Assert.False(File.Exists(Path.Combine(_directory.Path, CachingEmbeddingGenerator.FileName)));
    }

    [Fact]
    public async Task A_cache_file_left_by_an_earlier_embedder_keeps_the_hash_embedder_behind_the_cache_so_erasure_cleans_it()
    {
        await File.WriteAllBytesAsync(Path.Combine(_directory.Path, CachingEmbeddingGenerator.FileName), []);
        var services = new ServiceCollection().AddLogging();
        services.AddGatewayMemory(Configuration(new Dictionary<string, string?> { ["Memory:Embedder"] = "hash" }));
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<IEmbeddingCache>());
    }

    [Fact]
    public async Task Settings_are_bound_from_their_sections()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["Memory:Index:MaxBytes"] = "2097152",
            ["Memory:Dedup:CosineThreshold"] = "0.95",
            ["Memory:EmbeddingCache:Enabled"] = "false",
            ["Memory:Reembedding:Interval"] = "00:00:30",
        });

        Assert.Equal(2097152, provider.GetRequiredService<IOptions<MemoryIndexOptions>>().Value.MaxBytes);
        Assert.Equal(0.95, provider.GetRequiredService<IOptionsMonitor<MemoryDedupOptions>>().CurrentValue.CosineThreshold);
        Assert.IsType<FakeEmbeddingGenerator>(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<ReembeddingOptions>>().Value.Interval);
        Assert.Equal(2097152, ((SqliteMemoryStore)provider.GetRequiredService<IMemoryStore>()).Index.MaxBytes);
    }

    [Theory]
    [InlineData("Memory:Store", "postgres", "Memory:Store")]
    [InlineData("Memory:Embedder", "word2vec", "Memory:Embedder")]
    [InlineData("Memory:Dedup:CosineThreshold", "1.5", "CosineThreshold")]
    [InlineData("Memory:Index:MaxBytes", "10", "MaxBytes")]
    [InlineData("Storage:Directory", " ", "Storage:Directory")]
    [InlineData("Memory:TokenBudget", "0", "TokenBudget")]
    [InlineData("Memory:MiniLm:MaxTokens", "1", "Memory:MiniLm:MaxTokens")]
    [InlineData("Memory:MiniLm:MaxBatchSize", "0", "Memory:MiniLm:MaxBatchSize")]
    [InlineData("Memory:MiniLm:Tuning", "7", "Memory:MiniLm:Tuning")]
    public async Task Bad_settings_stop_startup_with_a_clear_message(string key, string value, string mentioned)
    {
        await using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var startup = provider.GetRequiredService<IStartupValidator>();
        var error = Assert.ThrowsAny<OptionsValidationException>(startup.Validate);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedder_named_by_the_settings_is_the_one_behind_the_cache()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGatewayMemory(Configuration(new Dictionary<string, string?> { ["Memory:Embedder"] = "hash", ["Storage:Directory"] = _directory.Path }));
        await using var provider = services.BuildServiceProvider();

        var raw = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(MemoryServiceCollectionExtensions.RawEmbedderKey);
        Assert.StartsWith("hash-", raw.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_can_be_replaced_by_the_caller()
    {
        var services = new ServiceCollection().AddLogging();
        var replacement = new FakeEmbeddingGenerator("replaced");
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(replacement);
        services.AddGatewayMemory(Configuration([]));
        await using var provider = services.BuildServiceProvider();

        Assert.Same(replacement, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var configuration = Configuration(settings);
        services.AddGatewayMemory(configuration);
        services.AddMemoryEmbedder(_ => new FakeEmbeddingGenerator());
        services.AddSingleton<IMemoryRetriever>(sp => new FakeRetriever(sp.GetRequiredService<IMemoryStore>()));
        return services.BuildServiceProvider();
    }

    private IConfiguration Configuration(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Storage:Directory", _directory.Path);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
