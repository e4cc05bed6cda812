using System.Reflection;
using System.Runtime.ExceptionServices;
using Memory.Stores;
using Memory.Tests.Stores.Qdrant;

namespace Memory.Tests.Conformance;

/// <summary>The shared store suite against a real Qdrant at <c>QDRANT_URL</c> (skipped when unset). Each case runs
/// in collections of its own prefix, deleted afterwards, so a shared Qdrant is left as it was.</summary>
public sealed class LiveQdrantConformanceTests
{
    /// <summary>Every test of the shared suite, by name.</summary>
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var method in typeof(MemoryStoreConformanceTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                     .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
                     .OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            cases.Add(method.Name);
        }

        return cases;
    }

    [LiveQdrantTheory]
    [MemberData(nameof(Cases))]
    public async Task Conformance(string test)
    {
        var suite = new LiveQdrantSuite();
        await suite.InitializeAsync();
        try
        {
            var method = typeof(MemoryStoreConformanceTests).GetMethod(test, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"No conformance test named {test}.");
            await (Task)method.Invoke(suite, null)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    /// <summary>Not public, so xunit does not run the inherited facts directly (they would not be skipped).</summary>
    private sealed class LiveQdrantSuite : MemoryStoreConformanceTests
    {
        private readonly string _prefix = LiveQdrant.NewPrefix("conf");

        protected override Task<IMemoryStore> CreateStoreAsync() =>
            Task.FromResult<IMemoryStore>(QdrantTestStores.Create(LiveQdrant.Url, _prefix, LiveQdrant.ApiKey));

        protected override async Task DisposeStoreAsync(IMemoryStore store)
        {
            ((IDisposable)store).Dispose();
            await LiveQdrant.DeleteCollectionsAsync(_prefix);
        }
    }
}
