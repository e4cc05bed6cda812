namespace Guardrails.Abstractions;

/// <summary>A span of the checked text that a redaction replaced: where it was (in the text as checked) and what
/// replaced it. Lets callers drop what else describes that span (the logprobs of its tokens).</summary>
public readonly record struct RedactedSpan(int Start, int Length, string Replacement)
{
    public int End => Start + Length;
}
