using System.Text.Json;
using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Consolidation;

/// <summary>Validates an LLM consolidation answer against <see cref="ConsolidationSchema"/> and the facts and
/// memories it was shown: exactly one decision per fact; targets must be refs it was given; UPDATE takes one
/// target, SUPERSEDE and DELETE at least one; a retraction can only DELETE or NOOP; an assertion marked DELETE
/// (a contradiction, in mem0's sense) is read as SUPERSEDE so the old memory stays in history.</summary>
internal static class ConsolidationAnswerParser
{
    private static readonly string[] RootProperties = ["decisions"];
    private static readonly string[] DecisionProperties = ["fact", "event", "targets", "text"];

    public static IReadOnlyList<ConsolidationDecision>? Parse(string? answer, IReadOnlyList<ExtractedFact> facts,
        IReadOnlyDictionary<string, MemoryItem> refs, out string? error)
    {
        using var document = JsonAnswer.Parse(answer, out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonAnswer.OnlyProperties(root, RootProperties, ref error, "$") ||
            !root.TryGetProperty("decisions", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            error ??= "$.decisions is not an array";
            return null;
        }

        var decisions = new ConsolidationDecision?[facts.Count];
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"$.decisions[{index++}]";
            if (item.ValueKind != JsonValueKind.Object || !JsonAnswer.OnlyProperties(item, DecisionProperties, ref error, path))
            {
                error ??= $"{path} is not an object";
                return null;
            }

            if (!item.TryGetProperty("fact", out var factElement) || factElement.ValueKind != JsonValueKind.Number ||
                !factElement.TryGetInt32(out var factIndex) || factIndex < 0 || factIndex >= facts.Count)
            {
                error = $"{path}.fact is not a valid fact index";
                return null;
            }

            if (decisions[factIndex] is not null)
            {
                error = $"{path}.fact repeats a fact";
                return null;
            }

            if (!JsonAnswer.TryGetString(item, "event", nullable: false, out var eventName, ref error, path) ||
                !JsonAnswer.TryGetStringArray(item, "targets", 0, out var targetRefs, ref error, path))
            {
                return null;
            }

            string? text = null;
            if (item.TryGetProperty("text", out _) && !JsonAnswer.TryGetString(item, "text", nullable: true, out text, ref error, path))
            {
                return null;
            }

            var decision = Build(facts[factIndex], eventName!, targetRefs, text, refs, path, ref error);
            if (decision is null)
            {
                return null;
            }

            decisions[factIndex] = decision;
        }

        if (Array.IndexOf(decisions, null) is var missing and >= 0)
        {
            error = $"no decision for fact {missing}";
            return null;
        }

        return decisions!;
    }

    private static ConsolidationDecision? Build(ExtractedFact fact, string eventName, List<string> targetRefs, string? text,
        IReadOnlyDictionary<string, MemoryItem> refs, string path, ref string? error)
    {
        var targets = new List<MemoryItem>();
        foreach (var r in targetRefs.Distinct(StringComparer.Ordinal))
        {
            if (!refs.TryGetValue(r, out var memory))
            {
                error = $"{path}.targets names an unknown memory";
                return null;
            }

            targets.Add(memory);
        }

        if (text is { Length: > ExtractionSchema.MaxTextLength })
        {
            error = $"{path}.text too long";
            return null;
        }

        var merged = string.IsNullOrWhiteSpace(text) ? null : ExtractionAnswerParser.ThirdPerson(TextNormalizer.Normalize(text));
        MemoryEvent? e = eventName.Trim().ToUpperInvariant() switch
        {
            "ADD" when targets.Count == 0 && fact.Action == FactAction.Assert => MemoryEvent.Add,
            "UPDATE" when targets.Count == 1 && fact.Action == FactAction.Assert => MemoryEvent.Update,
            "SUPERSEDE" when targets.Count >= 1 && fact.Action == FactAction.Assert => MemoryEvent.Supersede,
            "DELETE" when targets.Count >= 1 && fact.Action == FactAction.Assert => MemoryEvent.Supersede,
            "DELETE" when targets.Count >= 1 => MemoryEvent.Delete,
            "NOOP" => MemoryEvent.Noop,
            _ => null,
        };
        if (e is null)
        {
            error = $"{path}.event does not fit the fact or its targets";
            return null;
        }

        return new ConsolidationDecision(e.Value, e == MemoryEvent.Noop ? [] : targets, e == MemoryEvent.Update ? merged : null);
    }
}
