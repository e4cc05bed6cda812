using Guardrails.Abstractions;
using Guardrails.Policies;
using NJsonSchema;

namespace Guardrails.Checks;

/// <summary>What a check may consult besides the text: the stage, the request, the effective policy, the
/// response schema already parsed by the pipeline, and the time budget of the running check (set by the
/// runner; null when a check is called directly).</summary>
internal sealed record CheckContext(
    GuardrailStage Stage,
    GuardrailRequestContext Request,
    GuardrailPolicy Policy,
    JsonSchema? ResponseSchema = null,
    CheckBudget? Budget = null);
