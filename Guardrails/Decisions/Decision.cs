using Guardrails.Abstractions;
using Guardrails.Checks;

namespace Guardrails.Decisions;

/// <summary>A detection with the action the effective policy gives its rule at the stage.</summary>
internal readonly record struct Decision(Detection Detection, GuardrailAction Action);
