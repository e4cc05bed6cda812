namespace Memory.WriteBack;

/// <summary>Actor names the write-back records in memory history.</summary>
public static class WriteBackActors
{
    public const string WriteBack = "write-back";
    public const string Compression = "compression";
}
