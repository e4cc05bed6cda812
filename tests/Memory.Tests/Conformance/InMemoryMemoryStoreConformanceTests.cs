using Memory.Stores;
using TestDoubles;

namespace Memory.Tests.Conformance;

/// <summary>The shared store suite against the in-memory test double, so tests that use it exercise a store that
/// behaves like the real ones.</summary>
public sealed class InMemoryMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    protected override Task<IMemoryStore> CreateStoreAsync() => Task.FromResult<IMemoryStore>(new InMemoryMemoryStore());
}
