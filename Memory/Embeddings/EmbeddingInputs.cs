using Microsoft.Extensions.AI;

namespace Memory.Embeddings;

/// <summary>Tells an embedder what a text is for. Asymmetric retrieval models (snowflake-arctic-embed-xs) embed a
/// search query with an instruction prefix and a stored text without one; a symmetric model ignores the mark. The
/// mark travels in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, which the OpenAI client does not
/// send, and the embedding cache keeps query vectors apart from stored-text vectors of models that use it.</summary>
public static class EmbeddingInputs
{
    /// <summary>The <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> key of the mark.</summary>
    public const string PurposeKey = "memory.input_purpose";

    /// <summary>Its value for a search query.</summary>
    public const string QueryPurpose = "query";

    /// <summary>Options marking the texts as search queries (new each call: options are mutable).</summary>
    public static EmbeddingGenerationOptions Query() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PurposeKey] = QueryPurpose } };

    /// <summary>True when <paramref name="options"/> mark the texts as search queries.</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties &&
        properties.TryGetValue(PurposeKey, out var value) &&
        value is string purpose &&
        string.Equals(purpose, QueryPurpose, StringComparison.Ordinal);
}
