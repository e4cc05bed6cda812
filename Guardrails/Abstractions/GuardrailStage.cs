namespace Guardrails.Abstractions;

/// <summary>Where a check runs: the app's input, the model's output, or a memory (before store and before inject).</summary>
public enum GuardrailStage
{
    Input,
    Output,
    Memory,
}

/// <summary>What a policy does with a finding. Ordered by severity.</summary>
public enum GuardrailAction
{
    Allow,
    Flag,
    Redact,
    Retry,
    Block,
}
