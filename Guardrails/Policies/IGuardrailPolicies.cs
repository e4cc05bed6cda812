using Guardrails.Abstractions;

namespace Guardrails.Policies;

/// <summary>The policy files: their load status, the effective policy of a request, and a reload on demand.</summary>
public interface IGuardrailPolicies
{
    /// <summary>Every policy file with its version and status.</summary>
    IReadOnlyList<GuardrailPolicyFileStatus> Files { get; }

    /// <summary>The effective policy (default ⊕ key ⊕ context) of <paramref name="context"/>.</summary>
    GuardrailPolicyInfo Describe(GuardrailRequestContext context);

    /// <summary>Reads the files again now (changes are otherwise picked up within the poll interval).</summary>
    void Reload();
}
