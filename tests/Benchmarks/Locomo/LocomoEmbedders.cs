using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Locomo;

/// <summary>The embedders the LoCoMo harness can evaluate, by <c>--embedder</c> name. Any
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> plugs in here.</summary>
internal static class LocomoEmbedders
{
    /// <summary><c>hash</c> (512), <c>hash:DIM</c>, <c>bm25</c> (no embedder: lexical rows only), <c>minilm</c> or
    /// <c>arctic</c> (the shipped models, tuned by <c>Memory__MiniLm__*</c> / <c>Memory__Arctic__*</c>),
    /// <c>openai</c> (configured from environment variables such as <c>Memory__OpenAI__BaseUrl</c>), or two of them
    /// joined by <c>+</c> (lab only: the mean of their cosines).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? Create(string name)
    {
        if (name.Contains('+', StringComparison.Ordinal))
        {
            var halves = name.Split('+', 2);
            return new ConcatenatedEmbeddingGenerator(Create(halves[0])!, Create(halves[1])!);
        }

        var parts = name.Split(':', 2);
        return parts[0] switch
        {
            "bm25" => null,
            "hash" when parts.Length == 2 => EmbeddingGenerators.CreateHash(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "hash" => EmbeddingGenerators.CreateHash(),
            "minilm" => Shipped(OnnxEmbeddingOptions.MiniLmSection, OnnxEmbeddingGenerators.TryCreateMiniLm),
            "arctic" => Shipped(OnnxEmbeddingOptions.ArcticSection, OnnxEmbeddingGenerators.TryCreateArctic),
            "openai" => OpenAI(new ConfigurationBuilder().AddEnvironmentVariables().Build()),
            _ => throw new ArgumentException($"Unknown embedder '{name}': use hash, hash:DIM, bm25, minilm, arctic or openai."),
        };
    }

    private delegate bool ShippedFactory(OnnxEmbeddingOptions options, Microsoft.Extensions.Logging.ILoggerFactory loggers,
        out IEmbeddingGenerator<string, Embedding<float>>? generator, out string? error);

    // Like the gateway: Memory:OpenAI, with the chat upstream's base URL and key as defaults.
    private static IEmbeddingGenerator<string, Embedding<float>> OpenAI(IConfiguration configuration) =>
        EmbeddingGenerators.CreateOpenAI(OpenAIEmbeddingOptions.FromConfiguration(configuration, configuration["Upstream:BaseUrl"], configuration["Upstream:ApiKey"]));

    private static IEmbeddingGenerator<string, Embedding<float>> Shipped(string section, ShippedFactory factory)
    {
        var options = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(section).Get<OnnxEmbeddingOptions>()
            ?? new OnnxEmbeddingOptions();
        return factory(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, out var generator, out var error)
            ? generator!
            : throw new InvalidOperationException(error);
    }
}
