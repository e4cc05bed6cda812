namespace Memory;

/// <summary>An erasure deleted the user's data but a SQLite file's write-ahead log could not be truncated (readers
/// kept it busy through every attempt), so older page images may still hold the text. Erasure is idempotent: the
/// API answers 503 <c>erasure_incomplete</c> with <c>Retry-After</c>, and a repeated erasure truncates again.</summary>
public sealed class ErasureIncompleteException : IOException
{
    public const string Code = "erasure_incomplete";

    public ErasureIncompleteException()
        : base("The erasure could not truncate a write-ahead log.")
    {
    }

    public ErasureIncompleteException(string message)
        : base(message)
    {
    }

    public ErasureIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
