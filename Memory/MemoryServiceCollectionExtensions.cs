using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Hash;
using Memory.Retrieval;
using Memory.Stores;
using Memory.Stores.Qdrant;
using Memory.Stores.Sqlite;
using Memory.Text;
using Memory.DirectWrites;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory;

/// <summary>Registers the memory library: settings (validated on start), the store chosen by <c>Memory:Store</c>, the
/// embedding cache in front of the embedder, the memory service and background re-embedding. Registrations use
/// TryAdd, so a caller can replace any of them.</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>Service key of the raw embedding generator (the one <c>Memory:Embedder</c> picks), which
    /// <see cref="AddMemoryEmbedder"/> registers and the cache wraps.</summary>
    public const string RawEmbedderKey = "memory:raw-embedder";

    /// <summary>Adds memory storage, the memory service, the embedding cache and background re-embedding.</summary>
    public static IServiceCollection AddGatewayMemory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        AddSettings<MemoryOptions>(services, configuration, MemoryOptions.Section);
        AddSettings<StorageOptions>(services, configuration, StorageOptions.Section);
        AddSettings<MemoryIndexOptions>(services, configuration, MemoryIndexOptions.Section);
        AddSettings<MemoryDedupOptions>(services, configuration, MemoryDedupOptions.Section);
        AddSettings<EmbeddingCacheOptions>(services, configuration, EmbeddingCacheOptions.Section);
        AddSettings<ReembeddingOptions>(services, configuration, ReembeddingOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.AddTokenCounter();
        services.TryAddSingleton<UserWriteLocks>();

        // Store: Memory:Store picks the adapter (sqlite by default).
        var store = configuration[$"{MemoryOptions.Section}:{nameof(MemoryOptions.Store)}"] ?? "sqlite";
        if (string.Equals(store, "qdrant", StringComparison.OrdinalIgnoreCase))
        {
            services.AddQdrantMemoryStore(configuration);
        }
        else
        {
            services.TryAddSingleton<IMemoryStore>(sp => new SqliteMemoryStore(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.Directory,
                sp.GetRequiredService<IOptions<MemoryIndexOptions>>().Value.MaxBytes,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteMemoryStore>>()));
        }

        // Embeddings: the raw generator comes from AddMemoryEmbedder (the lead wires hash/openai/onnx/minilm by
        // Memory:Embedder); everything else resolves the cached one.
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var raw = sp.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RawEmbedderKey)
                ?? throw new InvalidOperationException(
                    "No embedding generator is registered for Memory:Embedder: call services.AddMemoryEmbedder(...).");
            var cache = sp.GetRequiredService<IOptions<EmbeddingCacheOptions>>().Value;

            // A hash vector is computed faster than it is read back from disk: only model embedders are cached (unless
            // a cache file is already there, from an earlier configuration: erasure must keep cleaning it).
            var directory = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Directory;
            return cache.Enabled && (raw.GetService<HashEmbeddingGenerator>() is null || File.Exists(Path.Combine(directory, CachingEmbeddingGenerator.FileName)))
                ? new CachingEmbeddingGenerator(raw, sp.GetRequiredService<IOptions<StorageOptions>>().Value.Directory, cache,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CachingEmbeddingGenerator>>())
                : raw;
        });

        services.AddConfiguredEmbedder(configuration);
        services.AddHybridRetrieval(configuration);
        services.AddErasureTombstones();
        services.TryAddSingleton<IMemoryService, MemoryService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReembeddingService>());
        return services;
    }

    /// <summary>Registers the raw embedding generator that the cache wraps (replacing an earlier one).</summary>
    public static IServiceCollection AddMemoryEmbedder(this IServiceCollection services, Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        services.RemoveAllKeyed<IEmbeddingGenerator<string, Embedding<float>>>(RawEmbedderKey);
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(RawEmbedderKey, (sp, _) => factory(sp));
        return services;
    }

    private static void AddSettings<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IValidateOptions<TOptions>), typeof(MemorySettingsValidator)));
    }
}
