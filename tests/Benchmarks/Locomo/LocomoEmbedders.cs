using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Locomo;

/// <summary>The embedders the LoCoMo harness can evaluate, by <c>--embedder</c> name. Any
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> plugs in here.</summary>
internal static class LocomoEmbedders
{
    /// <summary><c>hash</c> (512), <c>hash:DIM</c>, <c>minilm</c> (the shipped all-MiniLM-L6-v2), <c>bm25</c> (no embedder: lexical rows only) or <c>openai</c>
    /// (configured from environment variables such as <c>Memory__OpenAI__BaseUrl</c>).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? Create(string name)
    {
        var parts = name.Split(':', 2);
        return parts[0] switch
        {
            "bm25" => null,
            "hash" when parts.Length == 2 => EmbeddingGenerators.CreateHash(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "hash" => EmbeddingGenerators.CreateHash(),
            "minilm" => OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, out var miniLm, out var error)
                ? miniLm
                : throw new InvalidOperationException("The shipped MiniLM did not load: " + error),
            "openai" => EmbeddingGenerators.CreateOpenAI(new ConfigurationBuilder().AddEnvironmentVariables().Build()),
            _ => throw new ArgumentException($"Unknown embedder '{name}': use hash, hash:DIM, minilm, bm25 or openai."),
        };
    }
}
