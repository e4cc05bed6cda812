using Memory.Model;
using Memory.Retrieval;
using TestDoubles;

namespace Memory.Tests.Retrieval;

/// <summary>The hub correction: a memory close to all the other candidates loses its small cosine lead to one that
/// stands apart, and the correction leaves the candidates' mean cosine where it was.</summary>
public class DenseHubnessTests
{
    private static float[] Vector(params (int Dimension, float Value)[] parts)
    {
        var v = new float[16];
        foreach (var (d, x) in parts)
        {
            v[d] = x;
        }

        return v;
    }

    [Fact]
    public void A_vector_near_the_centroid_has_positive_excess_and_the_excesses_sum_to_zero()
    {
        var vectors = new List<float[]?>
        {
            Vector((0, 1)), Vector((1, 1)), Vector((2, 1)), Vector((0, 1), (1, 1), (2, 1)), null,
        };

        var hubness = DenseHubness.Compute(vectors, neighbours: 0)!;
        Assert.True(hubness.Excess(3) > 0.2, $"{hubness.Excess(3)}");
        Assert.All(new[] { 0, 1, 2 }, i => Assert.True(hubness.Excess(i) < 0));
        Assert.Equal(0, hubness.Excess(4));
        Assert.Equal(0, Enumerable.Range(0, 5).Sum(hubness.Excess), 6);

        var byNeighbours = DenseHubness.Compute(vectors, neighbours: 2)!;
        Assert.True(byNeighbours.Excess(3) > byNeighbours.Excess(0));
    }

    [Fact]
    public void Too_few_vectors_tell_no_hub()
    {
        Assert.Null(DenseHubness.Compute([Vector((0, 1)), Vector((1, 1)), null], neighbours: 0));
        Assert.Null(DenseHubness.Compute([Vector((0, 1)), Vector((1, 1)), Vector((2, 1))], neighbours: 3));
    }

    [Fact]
    public async Task The_default_ranks_a_memory_that_stands_apart_above_a_hub_with_a_slightly_higher_cosine()
    {
        var embedder = new FakeEmbeddingGenerator(dimensions: 16);
        embedder.Pin("where do I stand", Vector((0, 1)));
        var fixture = new RetrieverFixture { Embedder = embedder };
        MemoryItem Pinned(string id, float[] vector) => fixture.Item(id, id) with { EmbeddingModel = embedder.ModelId, Embedding = vector };

        // The hub's cosine to the query is 0.82, the answer's 0.80; the hub also lies near every other memory.
        var items = new List<MemoryItem>
        {
            Pinned("answer", Vector((0, 0.8f), (1, 0.6f))),
            Pinned("hub", Vector((0, 0.82f), (2, 0.572f))),
        };
        for (var i = 0; i < 5; i++)
        {
            items.Add(Pinned($"other-{i}", Vector((2, 1), (3 + i, 0.3f))));
        }

        await fixture.AddAsync(RetrieverFixture.Alice, [.. items]);
        fixture.Options.LexicalWeight = 0;
        fixture.Options.DenseWeight = 1;
        var request = new MemorySearchRequest { Query = "where do I stand", Limit = 2 };

        var corrected = await fixture.Create().SearchAsync(RetrieverFixture.Alice, request);
        fixture.Options.HubPenalty = 0;
        var raw = await fixture.Create().SearchAsync(RetrieverFixture.Alice, request);

        Assert.Equal("answer", corrected[0].Memory.Id);
        Assert.Equal("hub", raw[0].Memory.Id);
    }
}
