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

    /// <summary>The rule recorded when a check did not finish within <c>Guardrails:CheckTimeoutMilliseconds</c>; the
    /// policy's action for it is enforced as if the check had matched (fail closed).</summary>
    public const string UnfinishedCheckRule = "guardrail.error";

    /// <summary>The rule behind the strongest action, for error messages: a rule that matched wins over a check that did
    /// not finish.</summary>
    public string? DecisiveRule =>
        Findings.Where(f => f.Action == Action && f.Rule != UnfinishedCheckRule).Select(f => f.Rule).FirstOrDefault()
        ?? Findings.Where(f => f.Action == Action).Select(f => f.Rule).FirstOrDefault();

    /// <summary>True when only checks that ran out of time blocked the text: a busy gateway, not the text's content,
    /// so the caller is told to retry (503 with <c>Retry-After</c>) rather than that its request was refused.</summary>
    public bool BlockedOnlyByUnfinishedChecks => IsBlocked && DecisiveRule == UnfinishedCheckRule;

    /// <summary>True when a check that ran out of time redacted or blocked the text (failing closed over all of it) and
    /// no finding that matched blocks it: what is left is "[SECRET]" or nothing, through no fault of the text, so a
    /// caller that would keep or forward it is told to retry instead (503), and write-back retries the turn.</summary>
    public bool SpoiledByUnfinishedChecks =>
        (!IsBlocked || BlockedOnlyByUnfinishedChecks) &&
        Findings.Any(f => f.Rule == UnfinishedCheckRule && f.Action is GuardrailAction.Redact or GuardrailAction.Block);
}
