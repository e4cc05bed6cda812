namespace Memory;

/// <summary>A memory request broke a rule (empty text, text over 4000 characters, confidence outside 0..1, ...).
/// The message names the field and rule, never the user's text; the API answers it with 400.</summary>
public sealed class MemoryValidationException : ArgumentException
{
    public MemoryValidationException(string message)
        : base(message)
    {
    }

    public MemoryValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemoryValidationException()
    {
    }
}
