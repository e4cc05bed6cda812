using Memory.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Benchmarks.Locomo;

/// <summary>The embedders the LoCoMo harness can evaluate, by <c>--embedder</c> name. Any
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> plugs in here.</summary>
internal static class LocomoEmbedders
{
    /// <summary><c>hash</c> (512), <c>hash:DIM</c>, <c>bm25</c> (no embedder: lexical rows only) or <c>openai</c>
    /// (configured from environment variables such as <c>Memory__OpenAI__BaseUrl</c>).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? Create(string name)
    {
        var parts = name.Split(':', 2);
        return parts[0] switch
        {
            "bm25" => null,
            "hash" when parts.Length == 2 => EmbeddingGenerators.CreateHash(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "hash" => EmbeddingGenerators.CreateHash(),
            "openai" => EmbeddingGenerators.CreateOpenAI(new ConfigurationBuilder().AddEnvironmentVariables().Build()),
            _ => throw new ArgumentException($"Unknown embedder '{name}': use hash, hash:DIM, bm25 or openai."),
        };
    }
}
