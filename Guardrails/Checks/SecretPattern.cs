using System.Buffers;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>One credential shape: the rule it reports, its regex, which group is the secret (0 for the whole
/// match), an optional validator over that value, how a streamed match may continue, and literal hints (any
/// one must occur, case-insensitively) that let the regex be skipped on texts that cannot match.</summary>
internal sealed record SecretPattern(
    string Rule,
    Regex Regex,
    string[] Hints,
    int Group = 0,
    Func<string, bool>? Validate = null,
    SpanContinuation? Continuation = null)
{
    // One vectorised multi-string search per text instead of one case-insensitive scan per hint.
    private readonly SearchValues<string> _hints = SearchValues.Create(Hints, StringComparison.OrdinalIgnoreCase);

    public bool IsWorthRunning(string text) => text.AsSpan().ContainsAny(_hints);
}
