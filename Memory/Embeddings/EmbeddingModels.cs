using Microsoft.Extensions.AI;

namespace Memory.Embeddings;

/// <summary>The model id every memory records and dense search filters by: the generator's default model id.</summary>
internal static class EmbeddingModels
{
    public const string Unknown = "unknown";

    public static string IdOf(IEmbeddingGenerator generator) =>
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { Length: > 0 } id ? id : Unknown;
}
