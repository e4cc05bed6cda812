using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.Embeddings.Onnx;

[Collection(ArcticCollection.Name)]
public sealed class ArcticEmbeddingGeneratorTests(ArcticFixture model)
{
    private const string Question = "what outdoor sport do I do?";

    [Fact]
    public async Task A_stored_text_matches_the_packages_own_encoder_on_every_dimension()
    {
        var vector = (await model.Generator.GenerateAsync(["This is an example sentence"])).Single().Vector.ToArray();

        AssertClose(ArcticReferenceVectors.Document, vector);
    }

    [Fact]
    public async Task A_query_is_embedded_with_the_instruction_prefix()
    {
        var vector = (await model.Generator.GenerateAsync([Question], EmbeddingInputs.Query())).Single().Vector.ToArray();

        AssertClose(ArcticReferenceVectors.Query, vector);
    }

    [Fact]
    public async Task Text_not_marked_as_a_query_is_embedded_without_the_prefix()
    {
        var vector = (await model.Generator.GenerateAsync([Question])).Single().Vector.ToArray();

        AssertClose(ArcticReferenceVectors.QueryWithoutPrefix, vector);
    }

    [Fact]
    public void Metadata_names_the_model_and_its_dimensions()
    {
        var metadata = model.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(OnnxEmbeddingGenerators.ArcticModelId, metadata?.DefaultModelId);
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }

    [Fact]
    public async Task A_paraphrased_question_finds_its_memory()
    {
        var texts = new[] { "I go trekking in the Alps", "My accountant files the quarterly tax returns" };
        var stored = await model.Generator.GenerateAsync(texts);
        var question = (await model.Generator.GenerateAsync([Question], EmbeddingInputs.Query())).Single().Vector.ToArray();

        var trekking = Dot(stored[0].Vector.ToArray(), question);
        var unrelated = Dot(stored[1].Vector.ToArray(), question);
        Assert.True(trekking > unrelated + 0.05, $"trekking {trekking:F3} vs unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task The_cache_keeps_query_vectors_apart_from_stored_text_vectors()
    {
        using var directory = new TempDirectory();
        using var cached = new CachingEmbeddingGenerator(new NotDisposing(model.Generator), directory.Path, new EmbeddingCacheOptions(),
            new FakeTimeProvider(), NullLogger<CachingEmbeddingGenerator>.Instance);

        var asQuery = (await cached.GenerateAsync([Question], EmbeddingInputs.Query())).Single().Vector.ToArray();
        var asText = (await cached.GenerateAsync([Question])).Single().Vector.ToArray();
        var asQueryAgain = (await cached.GenerateAsync([Question], EmbeddingInputs.Query())).Single().Vector.ToArray();

        AssertClose(ArcticReferenceVectors.Query, asQuery);
        AssertClose(ArcticReferenceVectors.QueryWithoutPrefix, asText);
        Assert.Equal(asQuery, asQueryAgain);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var d = 0; d < expected.Length; d++)
        {
            Assert.True(Math.Abs(expected[d] - actual[d]) < 1e-4, $"dimension {d}: {actual[d]} vs {expected[d]}");
        }
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    /// <summary>Leaves the shared model loaded when the cache that wraps it is disposed.</summary>
    private sealed class NotDisposing(IEmbeddingGenerator<string, Embedding<float>> inner)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
