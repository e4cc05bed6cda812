using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Memory.Retrieval;

/// <summary>Registers hybrid retrieval. Needs an <see cref="Stores.IMemoryStore"/>, an
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>, a <see cref="Text.ITokenCounter"/> and
/// <c>IOptions&lt;MemoryOptions&gt;</c> registered alongside.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>Binds <c>Memory:Retrieval</c> over the embedder's fusion defaults (<see cref="FusionProfiles"/>; validated on start) and adds <see cref="IMemoryRetriever"/> as a singleton.</summary>
    public static IServiceCollection AddHybridRetrieval(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RetrievalOptions>();
        // The embedder's fusion profile is where the options start, so that every configure step and every key the
        // configuration holds is applied over it, whatever the order of registration.
        services.Replace(ServiceDescriptor.Transient<IOptionsFactory<RetrievalOptions>, ProfiledRetrievalOptionsFactory>());
        (configuration is null ? options.BindConfiguration(RetrievalOptions.Section) : options.Bind(configuration.GetSection(RetrievalOptions.Section))).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrievalOptions>, RetrievalOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetrievalDeadline>();
        services.TryAddSingleton<QueryEmbeddingPrefetch>();
        services.TryAddSingleton<IMemoryRetriever, HybridRetriever>();
        return services;
    }
}
