using Memory.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Memory.Retrieval;

/// <summary>Creates <see cref="RetrievalOptions"/> with the embedder's fusion defaults (<see cref="FusionProfiles"/>)
/// already in place, so every configure step, whenever it was registered (a host's <c>Configure</c> before or after
/// the gateway's registration, the bound configuration section), runs over the profile and wins over it.</summary>
internal sealed class ProfiledRetrievalOptionsFactory(
    IServiceProvider services,
    IEnumerable<IConfigureOptions<RetrievalOptions>> setups,
    IEnumerable<IPostConfigureOptions<RetrievalOptions>> postConfigures,
    IEnumerable<IValidateOptions<RetrievalOptions>> validations)
    : OptionsFactory<RetrievalOptions>(setups, postConfigures, validations)
{
    protected override RetrievalOptions CreateInstance(string name)
    {
        var embedder = services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(MemoryServiceCollectionExtensions.RawEmbedderKey);
        return FusionProfiles.ApplyDefaults(base.CreateInstance(name), embedder is null ? null : EmbeddingGenerators.ModelIdOf(embedder));
    }
}
