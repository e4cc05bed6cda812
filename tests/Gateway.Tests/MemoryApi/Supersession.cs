using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;

namespace Gateway.Tests.MemoryApi;

/// <summary>No endpoint supersedes a memory (consolidation does), so tests tell the gateway's store directly, as
/// consolidation would, and invalidate the retriever's per-user index as the memory service does after a change.</summary>
public static class Supersession
{
    public static async Task SupersedeAsync(TestGateway gateway, UserKey user, string id)
    {
        var store = gateway.Services.GetRequiredService<IMemoryStore>();
        var item = await store.GetAsync(user, id);
        Assert.NotNull(item);
        await store.UpsertAsync(user, [item! with { ValidTo = DateTimeOffset.UtcNow.AddMinutes(-1) }]);
        gateway.Services.GetRequiredService<IMemoryRetriever>().Invalidate(user);
    }
}
