namespace Guardrails.Policies;

/// <summary>What the gateway needs to know of the effective policy for a request.</summary>
/// <param name="Version">The merged files and their versions, e.g. <c>default@1a2b3c4d+key.app1@5e6f7a8b</c>.</param>
/// <param name="ReaskMaxAttempts">How many times to re-ask the model after a <c>retry</c> decision.</param>
/// <param name="MaxOutputChars">The output length limit; 0 for none.</param>
public sealed record GuardrailPolicyInfo(string Version, int ReaskMaxAttempts, int MaxOutputChars);
