using Memory.Cluster;
using Memory.Model;
using Memory.Retrieval;
using Microsoft.Extensions.Time.Testing;

namespace Memory.Tests.Cluster;

/// <summary>The per-user index cache honours the cluster stamp: an index serves only requests of the stamp it was
/// built under, and without a stamp (Redis down) every request reads through and nothing is cached.</summary>
public sealed class CacheStampTests
{
    private static readonly UserKey User = new("t", "u");
    private readonly FakeTimeProvider _time = new();
    private int _builds;

    private Task<Bm25Index> Build(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _builds);
        return Task.FromResult(new Bm25Index([new MemoryItem { Id = "m", Text = "gardening" }], 1.2, 0.75, _time.GetUtcNow()));
    }

    [Fact]
    public async Task An_index_serves_only_requests_of_its_stamp()
    {
        var cache = new Bm25IndexCache(1 << 20, TimeSpan.FromMinutes(10), _time);

        var first = await cache.GetOrBuildAsync(User, false, new CacheStamp(7, 1), Build);
        var same = await cache.GetOrBuildAsync(User, false, new CacheStamp(7, 1), Build);
        var bumped = await cache.GetOrBuildAsync(User, false, new CacheStamp(7, 2), Build);
        var newEpoch = await cache.GetOrBuildAsync(User, false, new CacheStamp(8, 2), Build);

        Assert.Same(first, same);
        Assert.NotSame(first, bumped);
        Assert.NotSame(bumped, newEpoch);
        Assert.Equal(3, _builds);
    }

    [Fact]
    public async Task Without_a_stamp_every_request_reads_through_and_nothing_is_cached()
    {
        var cache = new Bm25IndexCache(1 << 20, TimeSpan.FromMinutes(10), _time);
        var cached = await cache.GetOrBuildAsync(User, false, CacheStamp.Local, Build);

        var through1 = await cache.GetOrBuildAsync(User, false, null, Build);
        var through2 = await cache.GetOrBuildAsync(User, false, null, Build);

        Assert.NotSame(through1, through2);
        Assert.NotSame(cached, through1);
        Assert.Equal(3, _builds);
        Assert.Same(cached, await cache.GetOrBuildAsync(User, false, CacheStamp.Local, Build));
    }
}
