using System.Numerics.Tensors;
using System.Security.Cryptography;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Memory.Tests.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>MiniLM tuned for memory search (<c>Memory:MiniLm:Tuning=Memory</c>, the default): the build merges the
/// adapter of Memory/build/adapters into the published weights, the vectors carry an id of their own, queries carry
/// the prefix the adapter was trained with, and the merged graph computes what the offline tuner computed.</summary>
public sealed class TunedMiniLmTests
{
    private const string Text = "My daughter Mia turns seven in March.";

    [Fact]
    public async Task The_default_minilm_runs_the_tuned_weights_under_an_id_naming_the_adapter()
    {
        using var tuned = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1 });
        using var published = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1, Tuning = OnnxTuning.None });

        string adapterHash;
        await using (var adapter = File.OpenRead(Path.Combine(OnnxEmbeddingGenerators.MiniLmMemoryDirectory, "adapter.lora")))
        {
            adapterHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(adapter))[..8];
        }

        Assert.Equal(OnnxEmbeddingGenerators.MiniLmMemoryModelIdPrefix + adapterHash, EmbeddingGenerators.ModelIdOf(tuned));
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, EmbeddingGenerators.ModelIdOf(published));
        var a = (await tuned.GenerateAsync([Text])).Single().Vector.ToArray();
        var b = (await published.GenerateAsync([Text])).Single().Vector.ToArray();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task The_merged_graph_computes_what_the_tuner_computed()
    {
        using var fp32 = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1, QueryPrecision = OnnxPrecision.Fp32 });

        for (var i = 0; i < TunedReferenceVectors.Texts.Length; i++)
        {
            var vector = (await fp32.GenerateAsync([TunedReferenceVectors.Texts[i]])).Single().Vector.ToArray();
            Assert.True(TensorPrimitives.CosineSimilarity(vector, TunedReferenceVectors.Vectors[i]) >= 0.9999,
                $"{TunedReferenceVectors.Texts[i]}: {TensorPrimitives.CosineSimilarity(vector, TunedReferenceVectors.Vectors[i]):F6}");
        }
    }

    [Fact]
    public async Task Queries_are_embedded_with_the_prefix_the_adapter_was_trained_with()
    {
        using var fp32 = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1, QueryPrecision = OnnxPrecision.Fp32 });

        var query = (await fp32.GenerateAsync([Text], EmbeddingInputs.Query())).Single().Vector.ToArray();
        var prefixed = (await fp32.GenerateAsync([OnnxEmbeddingGenerators.MiniLmMemoryQueryPrefix + Text])).Single().Vector.ToArray();
        var plain = (await fp32.GenerateAsync([Text])).Single().Vector.ToArray();

        Assert.Equal(prefixed, query);
        Assert.NotEqual(plain, query);
    }

    /// <summary>What the tuning is for: a question finds the memory that answers it though they share no word. Dense
    /// alone over every memory and distractor of the paraphrase dev set, on the default query graph (int8) against
    /// fp32 memories, as the gateway runs it.</summary>
    [Fact]
    public async Task The_tuned_model_ranks_more_answers_first_than_the_published_weights()
    {
        using var tuned = Create(new OnnxEmbeddingOptions());
        using var published = Create(new OnnxEmbeddingOptions { Tuning = OnnxTuning.None });

        var tunedTop1 = await TopOneAsync(tuned);
        var publishedTop1 = await TopOneAsync(published);

        Assert.True(tunedTop1 >= publishedTop1 + 0.05, $"tuned {tunedTop1:F3}, published {publishedTop1:F3}");
    }

    [Fact]
    public void The_build_ships_every_variant_of_the_tuned_model()
    {
        foreach (var file in new[] { "model.onnx", "model.int8.onnx", OnnxEmbeddingGenerators.MiniLmQueryGraphFile, "vocab.txt", "adapter.lora" })
        {
            Assert.True(File.Exists(Path.Combine(OnnxEmbeddingGenerators.MiniLmMemoryDirectory, file)), file);
        }
    }

    [Fact]
    public void An_unknown_tuning_is_a_clear_error()
    {
        var options = new OnnxEmbeddingOptions { Tuning = (OnnxTuning)7 };

        Assert.False(OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("Tuning", error, StringComparison.Ordinal);
    }

    private static async Task<double> TopOneAsync(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var pairs = ParaphraseDevSet.Pairs;
        var memories = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).Distinct(StringComparer.Ordinal).ToList();
        var memoryVectors = (await generator.GenerateAsync(memories)).Select(e => e.Vector.ToArray()).ToList();
        var questionVectors = (await generator.GenerateAsync(pairs.Select(p => p.Question), EmbeddingInputs.Query())).Select(e => e.Vector.ToArray()).ToList();
        var first = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var best = Enumerable.Range(0, memories.Count).MaxBy(j => TensorPrimitives.Dot(questionVectors[i], memoryVectors[j]));
            first += memories[best] == pairs[i].Memory ? 1 : 0;
        }

        return first / (double)pairs.Count;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(OnnxEmbeddingOptions options) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);
}
