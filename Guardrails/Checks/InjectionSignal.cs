using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>One heuristic tell of a prompt injection: its rule, its pattern, and how much it alone weighs
/// (0..1). Signals combine as a noisy-OR, so two weak tells together can cross a threshold one alone cannot.
/// <paramref name="Anchors"/>: literals (ASCII, any case) of which every match of the pattern in an ASCII text holds
/// at least one, so a text holding none of any tell's anchors is settled without running the patterns.</summary>
internal sealed record InjectionSignal(string Rule, Regex Pattern, double Weight, string[] Anchors);
