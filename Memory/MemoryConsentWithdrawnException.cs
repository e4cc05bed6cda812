namespace Memory;

/// <summary>The user withdrew memory consent, so nothing new may be remembered about them; the API answers it with
/// 409 and code <c>consent_withdrawn</c>.</summary>
public sealed class MemoryConsentWithdrawnException : InvalidOperationException
{
    public const string Code = "consent_withdrawn";

    public MemoryConsentWithdrawnException()
        : base("The user has withdrawn consent to memory.")
    {
    }

    public MemoryConsentWithdrawnException(string message)
        : base(message)
    {
    }

    public MemoryConsentWithdrawnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
