namespace Guardrails.Audit;

/// <summary>Keys for other parts of the gateway, derived from the audit master secret
/// (<c>Guardrails:PseudonymKey</c>, or the generated <c>audit.key</c>): every replica that shares that secret derives
/// the same key, and one purpose's key says nothing about another's.</summary>
public interface IDerivedKeys
{
    /// <summary>A 32-byte key for <paramref name="purpose"/> (a fixed label such as <c>response-id-seal-v1</c>).</summary>
    byte[] KeyFor(string purpose);
}
