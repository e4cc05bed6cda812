using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite.Index;
using Memory.Tests.Support;

namespace Memory.Tests.Stores;

public sealed class VectorSetTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Search_scores_cosine_even_for_unnormalised_vectors()
    {
        var set = new VectorSet("m");
        set.Upsert(Item("a", [3, 0, 0, 0]));
        set.Upsert(Item("b", [1, 1, 0, 0]));

        var hits = set.Search([0.5f, 0, 0, 0], MemoryFilter.Current, 2);

        Assert.Equal(["a", "b"], hits.Select(h => h.Id));
        Assert.Equal(1.0, hits[0].Score, 5);
        Assert.Equal(Math.Sqrt(0.5), hits[1].Score, 5);
    }

    [Fact]
    public void Remove_swaps_the_last_row_in_and_keeps_lookups_right()
    {
        var set = new VectorSet("m");
        for (var i = 0; i < 10; i++)
        {
            set.Upsert(Item($"id{i}", TestVectors.Random(i, 8)));
        }

        Assert.True(set.Remove("id3"));
        Assert.False(set.Remove("id3"));
        Assert.True(set.Remove("id9"));

        Assert.Equal(8, set.Count);
        for (var i = 0; i < 10; i++)
        {
            var top = set.Search(TestVectors.Random(i, 8), MemoryFilter.Current, 1).Single();
            if (i is 3 or 9)
            {
                Assert.NotEqual($"id{i}", top.Id);
            }
            else
            {
                Assert.Equal($"id{i}", top.Id);
                Assert.Equal(1.0, top.Score, 4);
            }
        }
    }

    [Fact]
    public void Upsert_ignores_other_models_and_other_sizes()
    {
        var set = new VectorSet("m");
        Assert.True(set.Upsert(Item("a", [1, 0, 0, 0])));
        Assert.False(set.Upsert(Item("b", [1, 0, 0, 0]) with { EmbeddingModel = "other" }));
        Assert.False(set.Upsert(Item("c", [1, 0, 0])));
        Assert.False(set.Upsert(Item("a", [1, 0, 0, 0]) with { Embedding = null }));

        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void Estimated_bytes_grow_with_vectors()
    {
        var set = new VectorSet("m");
        var empty = set.EstimatedBytes;
        for (var i = 0; i < 100; i++)
        {
            set.Upsert(Item($"id{i}", TestVectors.Random(i, 384)));
        }

        Assert.True(set.EstimatedBytes >= empty + 100 * 384 * sizeof(float));
    }

    private static MemoryItem Item(string id, float[] vector) => new()
    {
        Id = id,
        Text = id,
        OccurredAt = T0,
        CreatedAt = T0,
        UpdatedAt = T0,
        EmbeddingModel = "m",
        Embedding = vector,
    };
}
