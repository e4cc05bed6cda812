using System.Numerics.Tensors;
using Memory.Embeddings;
using Memory.Embeddings.Hash;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Memory.Tests.Embeddings.Hash;

public class HashEmbeddingGeneratorTests
{
    private readonly HashEmbeddingGenerator _embedder = new();

    [Fact]
    public void Same_text_gives_the_same_vector_in_every_instance()
    {
        var a = _embedder.Embed("Alice is allergic to peanuts.");
        var b = new HashEmbeddingGenerator().Embed("Alice is allergic to peanuts.");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Vectors_are_unit_length_and_sized_as_configured()
    {
        var vector = new HashEmbeddingGenerator(1024).Embed("Caroline went to an LGBTQ support group and found it inspiring.");
        Assert.Equal(1024, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(TensorPrimitives.SumOfSquares<float>(vector)), 4);
    }

    [Fact]
    public void A_text_without_content_words_is_the_zero_vector()
    {
        Assert.All(_embedder.Embed("the and of it"), v => Assert.Equal(0f, v));
        Assert.All(_embedder.Embed(""), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Texts_sharing_words_and_stems_are_closer_than_unrelated_ones()
    {
        var memory = _embedder.Embed("Melanie loves hiking in the mountains with her kids.");
        var related = _embedder.Embed("Does Melanie go on mountain hikes?");
        var unrelated = _embedder.Embed("The quarterly tax report is due on Friday.");
        Assert.True(Cosine(memory, related) > Cosine(memory, unrelated) + 0.2,
            $"related {Cosine(memory, related):F3} vs unrelated {Cosine(memory, unrelated):F3}");
    }

    [Fact]
    public void Character_grams_make_typos_still_match()
    {
        var memory = _embedder.Embed("Caroline wants to pursue counseling education");
        var typo = _embedder.Embed("educaton");
        var other = _embedder.Embed("gardening");
        Assert.True(Cosine(memory, typo) > Cosine(memory, other));
        Assert.True(Cosine(memory, typo) > 0.1);
    }

    [Fact]
    public async Task Generator_reports_its_model_id_in_metadata_and_on_vectors()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = EmbeddingGenerators.CreateHash(256);
        var generated = await generator.GenerateAsync(["one", "two"]);
        Assert.Equal("hash-v1-256", EmbeddingGenerators.ModelIdOf(generator));
        Assert.Equal(256, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
        Assert.Equal(2, generated.Count);
        Assert.All(generated, e => Assert.Equal("hash-v1-256", e.ModelId));
    }

    [Fact]
    public async Task Asking_for_other_dimensions_is_refused()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            _embedder.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 128 }));
    }

    [Fact]
    public void Dimensions_come_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [EmbeddingGenerators.HashDimensionsKey] = "384" })
            .Build();
        Assert.Equal("hash-v1-384", EmbeddingGenerators.ModelIdOf(EmbeddingGenerators.CreateHash(configuration)));
    }

    private static double Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity<float>(a, b);
}
