using System.Text;
using Guardrails.Checks;

namespace Guardrails.Decisions;

/// <summary>The audit excerpt of a finding: the text around it with every personal datum and credential
/// replaced by its placeholder (whatever the policy did with them), cut at whole spans so no half card
/// number survives at an edge, capped to the policy's length. Findings about the whole text (an invalid JSON
/// answer, an over-long answer) are described instead of quoted.</summary>
internal static class ExcerptBuilder
{
    public static string Build(string text, Detection finding, SensitiveSpans sensitive, int maxChars)
    {
        if (finding.Evidence is not null && (!finding.HasSpan || finding.Family == RuleFamilies.Guardrail))
        {
            return finding.Evidence;
        }

        var budget = Math.Max(40, maxChars);
        var context = Math.Max(0, (budget - Math.Min(finding.Length, budget)) / 2);
        var from = Math.Max(0, finding.Start - context);
        var to = Math.Min(text.Length, Math.Max(finding.End, finding.Start + 1) + context);

        // Move the edges off any sensitive span they would cut, until none is cut (moving an edge off one span can
        // cut another that overlaps it, already passed).
        var near = sensitive.Near(from, to);
        for (var moved = true; moved && from < to;)
        {
            moved = false;
            foreach (var span in near)
            {
                if (span.Start < from && span.End > from)
                {
                    from = span.End;
                    moved = true;
                }

                if (span.Start < to && span.End > to)
                {
                    to = span.Start;
                    moved = true;
                }
            }
        }

        if (from >= to)
        {
            return finding.Evidence ?? finding.Replacement;
        }

        var inside = new List<Detection>();
        foreach (var span in near)
        {
            if (span.Start >= from && span.End <= to)
            {
                inside.Add(span with { Start = span.Start - from });
            }
        }

        if (RuleFamilies.IsSensitive(finding.Family) && finding.Start >= from && finding.End <= to)
        {
            inside.Add(finding with { Start = finding.Start - from });
        }

        var window = Redaction.Apply(text[from..to], inside);
        var builder = new StringBuilder(window.Length + 2);
        if (from > 0)
        {
            builder.Append('…');
        }

        builder.Append(window.ReplaceLineEndings(" "));
        if (to < text.Length)
        {
            builder.Append('…');
        }

        var excerpt = builder.ToString();
        if (excerpt.Length > budget + 24)
        {
            excerpt = string.Concat(excerpt.AsSpan(0, budget + 23), "…");
        }

        return finding.Evidence is null ? excerpt : $"{finding.Evidence}: {excerpt}";
    }
}
