using Memory.Model;

namespace Memory.Stores.Sqlite.Index;

/// <summary>The resident vectors of one user, one <see cref="VectorSet"/> per embedding model, loaded lazily.
/// <see cref="Gate"/> guards <see cref="Sets"/>; the LRU fields belong to <see cref="VectorIndexCache"/>.</summary>
internal sealed class UserVectorEntry(UserKey user)
{
    public UserKey User { get; } = user;

    /// <summary>Held while loading, searching or updating this user's sets.</summary>
    public object Gate { get; } = new();

    public Dictionary<string, VectorSet> Sets { get; } = new(StringComparer.Ordinal);

    /// <summary>Set (for good) once the cache dropped this entry; its sets are then no longer maintained.</summary>
    public bool Dropped { get; set; }

    // Owned by VectorIndexCache, under its LRU lock.
    internal LinkedListNode<UserVectorEntry>? Node { get; set; }
    internal long AccountedBytes { get; set; }

    /// <summary>Bytes of all sets; call under <see cref="Gate"/>.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 128;
            foreach (var set in Sets.Values)
            {
                bytes += set.EstimatedBytes;
            }

            return bytes;
        }
    }
}
