namespace Guardrails.Audit;

/// <summary>The shared excerpt keys (<see cref="ISharedAuditKeys"/>) cannot be reached: an event is then recorded
/// without its excerpt (never in clear), a read shows the excerpt as unavailable, and an erasure must be repeated.</summary>
public sealed class AuditKeysUnavailableException : IOException
{
    public AuditKeysUnavailableException()
        : base("The shared audit excerpt keys cannot be reached.")
    {
    }

    public AuditKeysUnavailableException(string message)
        : base(message)
    {
    }

    public AuditKeysUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
