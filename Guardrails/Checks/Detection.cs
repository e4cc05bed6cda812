namespace Guardrails.Checks;

/// <summary>One thing a check found: the rule, the span it covers (empty for whole-text findings such as an
/// invalid JSON answer), what replaces the span when the policy redacts, and a score in 0..1.</summary>
/// <param name="Evidence">A description to audit instead of the text around the span (never user text).</param>
/// <param name="Continuation">How a match that reaches the end of a streamed window may still grow.</param>
internal readonly record struct Detection(
    string Rule,
    int Start,
    int Length,
    string Replacement,
    double Score = 1.0,
    string? Evidence = null,
    SpanContinuation? Continuation = null)
{
    public int End => Start + Length;

    /// <summary>True when the finding covers text that a redaction can replace.</summary>
    public bool HasSpan => Length > 0;

    public string Family => RuleFamilies.FamilyOf(Rule);
}
