using Memory.Embeddings;

namespace Memory.Tests.Embeddings;

public sealed class LruCacheTests
{
    [Fact]
    public void The_least_recently_used_entry_is_evicted_first()
    {
        var lru = new LruCache<string, int>(2);
        lru.Set("a", 1);
        lru.Set("b", 2);
        Assert.True(lru.TryGet("a", out _));

        lru.Set("c", 3);

        Assert.True(lru.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(lru.TryGet("b", out _));
        Assert.True(lru.TryGet("c", out _));
        Assert.Equal(2, lru.Count);
    }

    [Fact]
    public void RemoveWhere_drops_matching_entries()
    {
        var lru = new LruCache<string, int>(10);
        lru.Set("x1", 1);
        lru.Set("y1", 2);

        lru.RemoveWhere(k => k.StartsWith('x'));

        Assert.False(lru.TryGet("x1", out _));
        Assert.True(lru.TryGet("y1", out _));
    }
}
