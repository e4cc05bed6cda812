using Memory.Model;

namespace Memory.Embeddings;

/// <summary>Whose text is being embedded, for the embedding cache: it keys entries per tenant (salted, so one
/// tenant's texts never hit, nor reveal by timing, another tenant's entries) and remembers which user asked, so
/// erasure drops that user's entries (query embeddings included). Set around memory operations of one user; flows
/// with the async call (<see cref="AsyncLocal{T}"/>) into the retriever and the write-back.</summary>
internal static class EmbeddingOwner
{
    private static readonly AsyncLocal<UserKey?> CurrentOwner = new();

    public static UserKey? Current => CurrentOwner.Value;

    /// <summary>Makes <paramref name="user"/> the owner until the scope is disposed.</summary>
    public static Scope Use(UserKey user)
    {
        var previous = CurrentOwner.Value;
        CurrentOwner.Value = user;
        return new Scope(previous);
    }

    /// <summary>Restores the previous owner.</summary>
    public readonly struct Scope(UserKey? previous) : IDisposable
    {
        public void Dispose() => CurrentOwner.Value = previous;
    }
}
