using Memory.Abstractions;
using Memory.Configuration;
using Memory.DirectWrites;
using Memory.Embeddings;
using Memory.Retrieval;
using Memory.Stores;
using Memory.Text;
using Memory.WriteBack.Compression;
using Memory.WriteBack.Consolidation;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>Registers the write-back: durable outbox, extractor for <c>Memory:Extraction:Mode</c>, consolidator,
/// compressor and the hosted worker.</summary>
public static class WriteBackServiceCollectionExtensions
{
    /// <summary>Keyed service name under which a dedicated <see cref="IChatClient"/> for extraction may be registered;
    /// without one the unkeyed <see cref="IChatClient"/> is used.</summary>
    public const string ChatClientKey = "memory";

    /// <summary>Adds the write-back. Needs an <see cref="IMemoryStore"/> and an
    /// <see cref="IEmbeddingGenerator{String, Embedding}"/>; uses <see cref="IChatClient"/>, <see cref="IPromptRenderer"/>,
    /// <see cref="IMemoryRetriever"/> and <see cref="ITokenCounter"/> when registered. A default allow-all
    /// <see cref="IMemoryContentGuard"/> is added unless one is registered.</summary>
    public static IServiceCollection AddMemoryWriteBack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.Section));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<WriteBackOptions>().Bind(configuration.GetSection(WriteBackOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WriteBackOptions>, WriteBackOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserWriteLocks>();
        services.TryAddSingleton<IMemoryContentGuard, AllowAllMemoryContentGuard>();

        services.AddErasureTombstones();
        services.TryAddSingleton<WriteBackSignal>();
        services.TryAddSingleton<SqliteConversationOutbox>();
        services.TryAddSingleton<IConversationOutbox>(sp => sp.GetRequiredService<SqliteConversationOutbox>());
        services.TryAddSingleton<IOutboxQueue>(sp => sp.GetRequiredService<SqliteConversationOutbox>());
        services.TryAddSingleton<IWriteBackAdmin>(sp => sp.GetRequiredService<SqliteConversationOutbox>());

        services.TryAddSingleton(sp => new LlmCalls(
            sp.GetKeyedService<IChatClient>(ChatClientKey) ?? sp.GetService<IChatClient>(),
            sp.GetService<IPromptRenderer>(),
            sp.GetRequiredService<IOptions<MemoryOptions>>(),
            sp.GetRequiredService<IOptions<WriteBackOptions>>()));
        services.TryAddSingleton<HeuristicFactExtractor>();
        services.TryAddSingleton<LlmFactExtractor>();
        services.TryAddSingleton<NoFactExtractor>();
        services.TryAddSingleton<IFactExtractor>(sp => sp.GetRequiredService<IOptions<MemoryOptions>>().Value.Extraction.Mode.Trim().ToLowerInvariant() switch
        {
            "heuristic" => sp.GetRequiredService<HeuristicFactExtractor>(),
            "off" => sp.GetRequiredService<NoFactExtractor>(),
            _ => sp.GetRequiredService<LlmFactExtractor>(),
        });

        services.TryAddSingleton(sp => new FactEmbedder(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<MemoryOptions>>();
            return new MemoryChangeWriter(sp.GetRequiredService<IMemoryStore>(), () => options.CurrentValue.KeepDeletedText,
                sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()?.GetService<IEmbeddingCache>(),
                sp.GetRequiredService<ILogger<MemoryChangeWriter>>());
        });
        services.TryAddSingleton<LlmConsolidationDecider>();
        services.TryAddSingleton<MemoryConsolidator>();
        services.TryAddSingleton(sp => new MemoryCompressor(
            sp.GetRequiredService<IMemoryStore>(),
            sp.GetRequiredService<FactEmbedder>(),
            sp.GetRequiredService<MemoryChangeWriter>(),
            sp.GetRequiredService<LlmCalls>(),
            sp.GetRequiredService<IMemoryContentGuard>(),
            sp.GetRequiredService<UserWriteLocks>(),
            sp.GetService<ITokenCounter>(),
            sp.GetRequiredService<IOptions<MemoryOptions>>(),
            sp.GetRequiredService<IOptions<WriteBackOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MemoryCompressor>>()));
        services.TryAddSingleton(sp => new TurnProcessor(
            sp.GetRequiredService<IOutboxQueue>(),
            sp.GetRequiredService<IMemoryStore>(),
            sp.GetRequiredService<IFactExtractor>(),
            sp.GetRequiredService<HeuristicFactExtractor>(),
            sp.GetRequiredService<MemoryConsolidator>(),
            sp.GetRequiredService<MemoryCompressor>(),
            sp.GetRequiredService<IMemoryContentGuard>(),
            sp.GetService<IMemoryRetriever>(),
            sp.GetRequiredService<IOptions<MemoryOptions>>(),
            sp.GetRequiredService<IOptions<WriteBackOptions>>(),
            sp.GetRequiredService<ILogger<TurnProcessor>>()));

        services.TryAddSingleton<WriteBackWorker>();
        services.TryAddSingleton<IWriteBackMonitor>(sp => sp.GetRequiredService<WriteBackWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WriteBackWorker>(sp => sp.GetRequiredService<WriteBackWorker>()));
        return services;
    }
}
