namespace Guardrails.Policies;

/// <summary>One policy file as the gateway sees it: its version (hash of the content being served), whether
/// the file on disk loaded (<c>ok</c>) or not (<c>error</c>, with why, while the last good version serves).</summary>
public sealed record GuardrailPolicyFileStatus(string Name, string? Version, string Status, string? Error);
