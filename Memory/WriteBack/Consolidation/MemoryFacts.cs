using System.Text.RegularExpressions;
using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Consolidation;

/// <summary>Reads a stored memory's slot and subject: from its metadata when write-back stored it in a slot, otherwise
/// inferred from its text, third or first person ("The user lives in Lisbon", "I live in Lisbon" → location, lisbon),
/// so memories written directly through the API, and observations a feature reported as it saw them, take part in
/// supersede and forget too.</summary>
internal static partial class MemoryFacts
{
    public static (string? Slot, string? Subject) Read(MemoryItem memory)
    {
        memory.Metadata.TryGetValue(FactSlots.MetadataKey, out var slot);
        memory.Metadata.TryGetValue(FactSlots.SubjectKey, out var subject);
        if (slot is not null && !IsUnslotted(slot))
        {
            return (slot, string.IsNullOrEmpty(subject) ? null : subject);
        }

        var inferred = Inferred.GetValue(memory, static m => new Box(Infer(m.Text))).Value;
        return inferred.Slot is null && slot is not null ? (slot, string.IsNullOrEmpty(subject) ? null : subject) : inferred;
    }

    /// <summary>Slots that say nothing of what the fact is about (an observation kept as reported, or "other"): the
    /// text may still tell.</summary>
    public static bool IsUnslotted(string? slot) => slot is FactSlots.Observation or FactSlots.Other;

    /// <summary>An observation kept as a feature reported it, in the slot its text reads as ("The user works as a
    /// teacher." is a job), so it updates that slot; one that says it comes in addition ("... as a volunteer on
    /// weekends") stands beside the current value. A slot an extractor chose ("other" included) is kept.</summary>
    public static ExtractedFact Reslot(ExtractedFact fact)
    {
        if (fact.Action != FactAction.Assert || fact.Slot != FactSlots.Observation || Infer(fact.Text) is not ({ } slot, var subject) || IsUnslotted(slot))
        {
            return fact;
        }

        return fact with { Slot = slot, Subject = subject ?? fact.Subject, Additional = fact.Additional || HeuristicFactExtractor.SaysAddition(fact.Text) };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MemoryItem, Box> Inferred = new();

    private sealed record Box((string? Slot, string? Subject) Value);

    /// <summary>Slot and subject of a memory text in the third person ("The user ...") or the first ("I ...",
    /// "My ..."), or (null, null).</summary>
    public static (string? Slot, string? Subject) Infer(string text)
    {
        if (Draft(text) is { } draft)
        {
            return (draft.Slot, draft.Subject);
        }

        return StylePreferences.Match(TextNormalizer.Normalize(text)) is { } style ? (style.Slot, null) : (null, null);
    }

    /// <summary>The memory as write-back would have stated it: "My locker code is 4417." reads as "The user's locker
    /// code is 4417", so the de-duplication rule compares like with like. The text itself when no rule reads it.</summary>
    public static string Statement(MemoryItem memory) =>
        FirstPerson().IsMatch(memory.Text) && Draft(memory.Text) is { } draft ? draft.Text : memory.Text;

    private static FactDraft? Draft(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (StylePreferences.Match(normalized) is not null)
        {
            return null;
        }

        var first = ToFirstPerson(normalized) ?? (FirstPerson().IsMatch(normalized) ? normalized.TrimEnd('.', '!', ' ') : null);
        if (first is null)
        {
            return null;
        }

        try
        {
            var drafts = HeuristicRules.Apply(first);
            return drafts.Count > 0 ? drafts[0] : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>True when the memory is about <paramref name="subject"/> (metadata subject or its text, whole words).</summary>
    public static bool IsAbout(MemoryItem memory, string subject)
    {
        // "my egg allergy" is about "eggs": a plural's "s" or "es" never tells two subjects apart.
        foreach (var form in Number(subject))
        {
            if (IsAboutExactly(memory, form))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Number(string subject)
    {
        yield return subject;
        if (subject.Length < 3)
        {
            yield break;
        }

        yield return subject + "s";
        yield return subject + "es";
        if (subject.EndsWith('s'))
        {
            yield return subject[..^1];
        }
    }

    private static bool IsAboutExactly(MemoryItem memory, string subject)
    {
        var (_, own) = Read(memory);
        var needle = $" {subject} ";
        if (own is not null && ($" {own} ".Contains(needle, StringComparison.Ordinal) || $" {subject} ".Contains($" {own} ", StringComparison.Ordinal)))
        {
            return true;
        }

        return $" {TextNormalizer.SubjectKey(memory.Text)} ".Contains(needle, StringComparison.Ordinal);
    }

    private static string? ToFirstPerson(string text)
    {
        var m = ThirdPerson().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var rest = text[m.Length..];
        if (m.Groups["poss"].Success)
        {
            return "my " + rest;
        }

        var verb = m.Groups["verb"].Value.ToLowerInvariant();
        var baseVerb = verb switch
        {
            "is" => "am",
            "has" => "have",
            "does" => "do",
            "doesn't" => "don't",
            "goes" => "go",
            _ when verb.EndsWith("ies", StringComparison.Ordinal) => verb[..^3] + "y",
            _ when verb.EndsWith("ches", StringComparison.Ordinal) || verb.EndsWith("shes", StringComparison.Ordinal) ||
                   verb.EndsWith("sses", StringComparison.Ordinal) || verb.EndsWith("xes", StringComparison.Ordinal) => verb[..^2],
            _ when verb.EndsWith('s') => verb[..^1],
            _ => verb,
        };
        return $"I {baseVerb} {rest}".TrimEnd();
    }

    [GeneratedRegex(@"^(?:the\s+)?user(?:(?<poss>'s\s+)|\s+(?<verb>[a-z']+)\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThirdPerson();

    [GeneratedRegex(@"^(?:I\b|I'|my\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex FirstPerson();
}
