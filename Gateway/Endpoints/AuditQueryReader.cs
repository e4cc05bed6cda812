using System.Globalization;
using Gateway.Auth;
using Gateway.OpenAI;
using Guardrails.Audit;

namespace Gateway.Endpoints;

/// <summary>Reads the audit filters from a query string; any malformed parameter is a 400 naming it.</summary>
internal static class AuditQueryReader
{
    private static readonly HashSet<string> Actions = ["allow", "flag", "redact", "block", "retry"];
    private static readonly HashSet<string> Stages = ["input", "output", "memory"];

    public static (AuditQuery? Query, IResult? Error) Read(HttpContext http)
    {
        var q = http.Request.Query;
        var tenant = http.GetCaller().Tenant;
        DateTimeOffset? since = null, until = null;
        long? before = null;
        var limit = AuditQuery.DefaultLimit;

        if (q.TryGetValue("since", out var s) && !TryTime(s, out since))
        {
            return (null, OpenAIError.BadRequest("'since' must be an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z.", "invalid_parameter", "since"));
        }

        if (q.TryGetValue("until", out var u) && !TryTime(u, out until))
        {
            return (null, OpenAIError.BadRequest("'until' must be an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z.", "invalid_parameter", "until"));
        }

        if (since is not null && until is not null && until <= since)
        {
            return (null, OpenAIError.BadRequest("'until' must be after 'since'.", "invalid_parameter", "until"));
        }

        var action = Text(q, "action");
        if (action is not null && !Actions.Contains(action))
        {
            return (null, OpenAIError.BadRequest("'action' must be one of allow, flag, redact, block, retry.", "invalid_parameter", "action"));
        }

        var stage = Text(q, "stage");
        if (stage is not null && !Stages.Contains(stage))
        {
            return (null, OpenAIError.BadRequest("'stage' must be one of input, output, memory.", "invalid_parameter", "stage"));
        }

        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditQuery.MaxLimit))
        {
            return (null, OpenAIError.BadRequest($"'limit' must be an integer from 1 to {AuditQuery.MaxLimit}.", "invalid_parameter", "limit"));
        }

        if (q.TryGetValue("before", out var b))
        {
            if (!long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, OpenAIError.BadRequest("'before' must be an event id.", "invalid_parameter", "before"));
            }

            before = parsed;
        }

        var rule = Text(q, "rule");
        if (rule is { Length: > 100 })
        {
            return (null, OpenAIError.BadRequest("'rule' is too long.", "invalid_parameter", "rule"));
        }

        // A family asked for as a prefix or a pattern ("pii.", "pii.*", "pii*") is the family ("pii": itself and pii.*).
        rule = rule?.TrimEnd('*').TrimEnd('.') is { Length: > 0 } family ? family : null;

        return (new AuditQuery
        {
            Tenant = tenant,
            Since = since,
            Until = until,
            Rule = rule,
            Action = action,
            Stage = stage,
            UserId = Text(q, "userId"),
            KeyId = Text(q, "keyId") ?? Text(q, "key"),
            RequestId = Text(q, "requestId"),
            BeforeId = before,
            Limit = limit,
        }, null);
    }

    private static string? Text(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // Unix seconds, as date +%s and time.time() give them (a fraction is cut).
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var (whole, fraction) = dot < 0 ? (text, "") : (text[..dot], text[(dot + 1)..]);
        // At least 9 digits (from 1973 on): "2024" or "20240315" is a malformed date, not a moment in 1970.
        if (whole.Length is >= 9 and <= 12 && fraction.Length <= 9 && fraction.All(char.IsAsciiDigit) &&
            long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
            seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        // "2026-12-05T22:00:00+00:00" sent unencoded: the query string turned its '+' into a space.
        var offset = text.LastIndexOf(' ');
        if (offset > 0 && text.IndexOf('T', StringComparison.Ordinal) is > 0 and var t && offset > t &&
            DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, offset), "+", text.AsSpan(offset + 1)), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
