using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>One credential shape: the rule it reports, its regex, which group is the secret (0 for the whole
/// match), an optional validator over that value, and how a streamed match may continue.</summary>
internal sealed record SecretPattern(
    string Rule,
    Regex Regex,
    int Group = 0,
    Func<string, bool>? Validate = null,
    SpanContinuation? Continuation = null);
