namespace Guardrails.Abstractions;

/// <summary>One rule's decision on a text: which rule, what it did, and a redacted excerpt.</summary>
public sealed record GuardrailFinding(string Rule, GuardrailAction Action, string Excerpt, double Score = 1.0);

/// <summary>The outcome of all checks of one stage on one text: the strongest action, the text to use (redacted
/// where a rule redacted), and every finding. Expected failures are values, not exceptions.</summary>
public sealed record GuardrailResult(GuardrailAction Action, string Text, IReadOnlyList<GuardrailFinding> Findings)
{
    public static GuardrailResult Allowed(string text) => new(GuardrailAction.Allow, text, []);

    /// <summary>The spans of the checked text that <see cref="Text"/> replaced, in text order.</summary>
    public IReadOnlyList<RedactedSpan> Redactions { get; init; } = [];

    public bool IsBlocked => Action == GuardrailAction.Block;

    public bool NeedsRetry => Action == GuardrailAction.Retry;

    /// <summary>The rule behind the strongest action, for error messages.</summary>
    public string? DecisiveRule => Findings.Where(f => f.Action == Action).Select(f => f.Rule).FirstOrDefault();
}
