namespace Memory.Tests.Stores.Qdrant;

/// <summary>A theory that runs only against a live Qdrant (<c>QDRANT_URL</c> set), skipped otherwise.</summary>
public sealed class LiveQdrantTheoryAttribute : TheoryAttribute
{
    public LiveQdrantTheoryAttribute() => Skip = LiveQdrant.SkipReason;
}
