using System.Runtime.InteropServices;

namespace Memory.Stores.Sqlite;

/// <summary>Embeddings as BLOBs: the float32 values in little-endian byte order.</summary>
internal static class EmbeddingBlob
{
    public static byte[] ToBlob(ReadOnlySpan<float> vector)
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(vector).ToArray();
    }

    public static float[] FromBlob(ReadOnlySpan<byte> blob)
    {
        EnsureLittleEndian();
        return MemoryMarshal.Cast<byte, float>(blob[..(blob.Length - blob.Length % sizeof(float))]).ToArray();
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The embedded memory store needs a little-endian platform.");
        }
    }
}
