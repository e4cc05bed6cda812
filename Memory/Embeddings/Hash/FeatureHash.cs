namespace Memory.Embeddings.Hash;

/// <summary>A stable 64-bit hash of a typed feature (FNV-1a over the UTF-16 code units, then the MurmurHash3
/// finaliser for avalanche). Unlike <see cref="string.GetHashCode()"/> it is the same in every process, which the
/// stored hash embeddings rely on.</summary>
internal static class FeatureHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(char kind, ReadOnlySpan<char> text)
    {
        var hash = Step(OffsetBasis, kind);
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return Finalise(hash);
    }

    public static ulong Of(char kind, string first, string second)
    {
        var hash = Step(OffsetBasis, kind);
        foreach (var c in first)
        {
            hash = Step(hash, c);
        }

        hash = Step(hash, ' ');
        foreach (var c in second)
        {
            hash = Step(hash, c);
        }

        return Finalise(hash);
    }

    private static ulong Step(ulong hash, char c)
    {
        hash ^= (byte)c;
        hash *= Prime;
        hash ^= (byte)(c >> 8);
        hash *= Prime;
        return hash;
    }

    private static ulong Finalise(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
