using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>One heuristic tell of a prompt injection: its rule, its pattern, and how much it alone weighs
/// (0..1). Signals combine as a noisy-OR, so two weak tells together can cross a threshold one alone cannot.</summary>
internal sealed record InjectionSignal(string Rule, Regex Pattern, double Weight);
