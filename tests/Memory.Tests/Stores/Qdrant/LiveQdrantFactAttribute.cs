namespace Memory.Tests.Stores.Qdrant;

/// <summary>A fact that runs only against a live Qdrant (<c>QDRANT_URL</c> set), skipped otherwise.</summary>
public sealed class LiveQdrantFactAttribute : FactAttribute
{
    public LiveQdrantFactAttribute() => Skip = LiveQdrant.SkipReason;
}
