using System.Text.RegularExpressions;

namespace Guardrails.Policies;

/// <summary>A named blocklist or topic compiled to one whole-word, case-insensitive alternation.</summary>
internal sealed record TermList(string Rule, Regex Pattern)
{
    public static TermList? Create(string rule, IEnumerable<string> terms)
    {
        var escaped = terms
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length)
            .Select(t => Regex.Escape(t).Replace(@"\ ", @"\s+", StringComparison.Ordinal))
            .ToList();
        if (escaped.Count == 0)
        {
            return null;
        }

        var pattern = $@"(?<![\p{{L}}\p{{N}}_])(?:{string.Join('|', escaped)})(?![\p{{L}}\p{{N}}_])";
        return new TermList(rule, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(1000)));
    }
}
