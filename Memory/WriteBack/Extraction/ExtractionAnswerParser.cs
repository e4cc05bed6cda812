using System.Text.Json;

namespace Memory.WriteBack.Extraction;

/// <summary>Validates an LLM extraction answer against <see cref="ExtractionSchema"/> and turns it into facts. Any
/// violation rejects the whole answer (the caller retries once, then falls back to the heuristic extractor); a
/// fact citing a message id that is not one of the user's messages is a violation, so provenance is never invented.</summary>
internal static class ExtractionAnswerParser
{
    private static readonly string[] RootProperties = ["facts"];
    private static readonly string[] FactProperties = ["text", "category", "subject", "action", "confidence", "sources", "context"];

    public static IReadOnlyList<ExtractedFact>? Parse(string? answer, IReadOnlySet<string> userMessageIds, out string? error)
    {
        using var document = JsonAnswer.Parse(answer, out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "root is not an object";
            return null;
        }

        if (!JsonAnswer.OnlyProperties(root, RootProperties, ref error, "$") ||
            !root.TryGetProperty("facts", out var factsElement) || factsElement.ValueKind != JsonValueKind.Array)
        {
            error ??= "$.facts is not an array";
            return null;
        }

        if (factsElement.GetArrayLength() > ExtractionSchema.MaxFacts)
        {
            error = "$.facts has too many items";
            return null;
        }

        var facts = new List<ExtractedFact>();
        var index = 0;
        foreach (var item in factsElement.EnumerateArray())
        {
            var path = $"$.facts[{index++}]";
            var fact = ParseFact(item, userMessageIds, path, ref error);
            if (fact is null)
            {
                return null;
            }

            facts.Add(fact);
        }

        return facts;
    }

    private static ExtractedFact? ParseFact(JsonElement item, IReadOnlySet<string> ids, string path, ref string? error)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = $"{path} is not an object";
            return null;
        }

        if (!JsonAnswer.OnlyProperties(item, FactProperties, ref error, path) ||
            !JsonAnswer.TryGetString(item, "text", nullable: false, out var text, ref error, path) ||
            !JsonAnswer.TryGetString(item, "category", nullable: false, out var category, ref error, path) ||
            !JsonAnswer.TryGetString(item, "subject", nullable: true, out var subject, ref error, path) ||
            !JsonAnswer.TryGetString(item, "action", nullable: false, out var action, ref error, path) ||
            !JsonAnswer.TryGetNumber(item, "confidence", 0, 1, out var confidence, ref error, path) ||
            !JsonAnswer.TryGetStringArray(item, "sources", 1, out var sources, ref error, path))
        {
            return null;
        }

        string? context = null;
        if (item.TryGetProperty("context", out _) && !JsonAnswer.TryGetString(item, "context", nullable: true, out context, ref error, path))
        {
            return null;
        }

        text = TextNormalizer.Normalize(text!);
        if (text.Length == 0 || text.Length > ExtractionSchema.MaxTextLength)
        {
            error = $"{path}.text length out of range";
            return null;
        }

        var slot = category!.Trim().ToLowerInvariant();
        if (!FactSlots.All.Contains(slot, StringComparer.Ordinal))
        {
            error = $"{path}.category is not an allowed value";
            return null;
        }

        if (action is not ("assert" or "retract"))
        {
            error = $"{path}.action is not an allowed value";
            return null;
        }

        if (subject is { Length: > ExtractionSchema.MaxSubjectLength })
        {
            error = $"{path}.subject too long";
            return null;
        }

        if (sources.Exists(s => !ids.Contains(s)))
        {
            error = $"{path}.sources cites an id that is not a user message";
            return null;
        }

        var subjectKey = string.IsNullOrWhiteSpace(subject) ? null : TextNormalizer.SubjectKey(subject);
        if (slot is FactSlots.Style or FactSlots.Favorite)
        {
            // The subject names the aspect ("length", "language", "color"): one current value per aspect.
            slot = subjectKey is null ? slot : $"{slot}.{subjectKey.Replace(' ', '-')}";
            subjectKey = null;
        }

        return new ExtractedFact
        {
            Text = ThirdPerson(text),
            Slot = slot,
            Subject = subjectKey,
            Action = action == "retract" ? FactAction.Retract : FactAction.Assert,
            Confidence = confidence,
            Sources = [.. sources.Distinct(StringComparer.Ordinal)],
            Context = string.IsNullOrWhiteSpace(context) ? null : context.Trim(),
        };
    }

    /// <summary>Keeps the one convention: "Lives in Porto" / "User lives in Porto" → "The user lives in Porto"; a fact whose
    /// first word is its subject ("James is the user's brother") stays as it is.</summary>
    internal static string ThirdPerson(string text)
    {
        if (text.StartsWith("The user", StringComparison.Ordinal))
        {
            return text;
        }

        if (text.StartsWith("the user", StringComparison.OrdinalIgnoreCase))
        {
            return "The user" + text[8..];
        }

        if (text.StartsWith("User ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("User's ", StringComparison.OrdinalIgnoreCase))
        {
            return "The user" + text[4..];
        }

        var firstSpace = text.IndexOf(' ', StringComparison.Ordinal);
        var firstWord = firstSpace < 0 ? text : text[..firstSpace];
        var verb = firstWord.Equals("is", StringComparison.OrdinalIgnoreCase) || firstWord.Equals("was", StringComparison.OrdinalIgnoreCase) ||
                   (firstWord.EndsWith('s') && firstWord.All(char.IsLetter) && !char.IsUpper(firstWord[^1]) && firstWord.Length > 2 &&
                    !firstWord.Equals("his", StringComparison.OrdinalIgnoreCase));
        return verb && !StartsWithVerb(text, firstSpace)
            ? $"The user {char.ToLowerInvariant(text[0])}{text[1..]}"
            : text;
    }

    /// <summary>True when the word after the first is a verb ("James is the user's brother", "Charles works with the
    /// user"): the first word is then the fact's subject, a name or a noun, not a verb of the user's.</summary>
    private static bool StartsWithVerb(string text, int firstSpace)
    {
        if (firstSpace < 0)
        {
            return false;
        }

        var rest = text.AsSpan(firstSpace + 1).TrimStart();
        var end = rest.IndexOfAny(' ', ',', '.');
        var second = (end < 0 ? rest : rest[..end]).ToString();
        return SubjectVerbs.Contains(second);
    }

    private static readonly HashSet<string> SubjectVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "was", "are", "were", "has", "had", "have", "does", "did", "can", "could", "will", "would", "should", "may",
        "might", "must", "lives", "works", "likes", "loves", "hates", "plays", "goes", "wants", "needs", "owns", "studies",
        "teaches", "speaks", "runs", "turned", "became", "moved", "died",
    };
}
