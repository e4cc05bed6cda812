using Guardrails.Abstractions;
using Guardrails.Policies;
using NJsonSchema;

namespace Guardrails.Checks;

/// <summary>What a check may consult besides the text: the stage, the request, the effective policy, and the
/// response schema already parsed by the pipeline.</summary>
internal sealed record CheckContext(
    GuardrailStage Stage,
    GuardrailRequestContext Request,
    GuardrailPolicy Policy,
    JsonSchema? ResponseSchema = null);
