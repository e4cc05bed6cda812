using Memory.Model;
using Memory.Retrieval;
using Microsoft.Extensions.Time.Testing;

namespace Memory.Tests.Retrieval;

public class Bm25IndexCacheTests
{
    private readonly FakeTimeProvider _time = new();

    private Func<CancellationToken, Task<Bm25Index>> Build(int documents, Action? onBuild = null) => _ =>
    {
        onBuild?.Invoke();
        var items = Enumerable.Range(0, documents).Select(i => new MemoryItem { Id = $"m{i}", Text = $"memory number {i} about gardening" });
        return Task.FromResult(new Bm25Index(items, 1.2, 0.75, _time.GetUtcNow()));
    };

    [Fact]
    public async Task Least_recently_used_indexes_are_evicted_to_stay_within_the_bound()
    {
        var oneIndex = new Bm25Index(Enumerable.Range(0, 50).Select(i => new MemoryItem { Id = $"m{i}", Text = $"memory number {i} about gardening" }), 1.2, 0.75, _time.GetUtcNow()).EstimatedBytes;
        var cache = new Bm25IndexCache((oneIndex * 2) + (oneIndex / 2), TimeSpan.FromHours(1), _time);
        var evicted = 0;
        cache.Evicted += (count, _) => evicted += count;

        await cache.GetOrBuildAsync(new UserKey("t", "a"), false, Build(50));
        await cache.GetOrBuildAsync(new UserKey("t", "b"), false, Build(50));
        await cache.GetOrBuildAsync(new UserKey("t", "a"), false, Build(50)); // a is now the most recent
        await cache.GetOrBuildAsync(new UserKey("t", "c"), false, Build(50));

        Assert.Equal(2, cache.Count);
        Assert.Equal(1, evicted);
        Assert.True(cache.EstimatedBytes <= (oneIndex * 2) + (oneIndex / 2));
        var rebuilt = 0;
        await cache.GetOrBuildAsync(new UserKey("t", "a"), false, Build(50, () => rebuilt++));
        await cache.GetOrBuildAsync(new UserKey("t", "b"), false, Build(50, () => rebuilt++));
        Assert.Equal(1, rebuilt); // a stayed, b had been evicted
    }

    [Fact]
    public async Task Concurrent_callers_share_one_build()
    {
        var cache = new Bm25IndexCache(1 << 30, TimeSpan.FromHours(1), _time);
        var builds = 0;
        var gate = new TaskCompletionSource();
        Func<CancellationToken, Task<Bm25Index>> slow = async ct =>
        {
            Interlocked.Increment(ref builds);
            await gate.Task;
            return await Build(3)(ct);
        };

        var first = cache.GetOrBuildAsync(new UserKey("t", "a"), false, slow);
        var second = cache.GetOrBuildAsync(new UserKey("t", "a"), false, slow);
        gate.SetResult();
        Assert.Same(await first, await second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task A_failed_build_is_not_cached()
    {
        var cache = new Bm25IndexCache(1 << 30, TimeSpan.FromHours(1), _time);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetOrBuildAsync(new UserKey("t", "a"), false, _ => throw new InvalidOperationException("store down")));
        var index = await cache.GetOrBuildAsync(new UserKey("t", "a"), false, Build(2));
        Assert.Equal(2, index.Documents.Count);
    }

    [Fact]
    public async Task Invalidation_drops_both_views_of_the_user_only()
    {
        var cache = new Bm25IndexCache(1 << 30, TimeSpan.FromHours(1), _time);
        await cache.GetOrBuildAsync(new UserKey("t", "a"), false, Build(1));
        await cache.GetOrBuildAsync(new UserKey("t", "a"), true, Build(1));
        await cache.GetOrBuildAsync(new UserKey("u", "a"), false, Build(1));

        cache.Invalidate(new UserKey("t", "a"));

        Assert.Equal(1, cache.Count);
    }
}
