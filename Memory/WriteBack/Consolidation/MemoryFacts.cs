using System.Text.RegularExpressions;
using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Consolidation;

/// <summary>Reads a stored memory's slot and subject: from its metadata when write-back stored it, otherwise
/// inferred from its third-person text ("The user lives in Lisbon" → location, lisbon), so memories written
/// directly through the API take part in supersede and forget too.</summary>
internal static partial class MemoryFacts
{
    public static (string? Slot, string? Subject) Read(MemoryItem memory)
    {
        memory.Metadata.TryGetValue(FactSlots.MetadataKey, out var slot);
        memory.Metadata.TryGetValue(FactSlots.SubjectKey, out var subject);
        if (slot is not null)
        {
            return (slot, string.IsNullOrEmpty(subject) ? null : subject);
        }

        return Inferred.GetValue(memory, static m => new Box(Infer(m.Text))).Value;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MemoryItem, Box> Inferred = new();

    private sealed record Box((string? Slot, string? Subject) Value);

    /// <summary>Slot and subject of a third-person memory text, or (null, null).</summary>
    public static (string? Slot, string? Subject) Infer(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (StylePreferences.Match(normalized) is { } style)
        {
            return (style.Slot, null);
        }

        var first = ToFirstPerson(normalized);
        if (first is null)
        {
            return (null, null);
        }

        try
        {
            var drafts = HeuristicRules.Apply(first);
            return drafts.Count > 0 ? (drafts[0].Slot, drafts[0].Subject) : (null, null);
        }
        catch (RegexMatchTimeoutException)
        {
            return (null, null);
        }
    }

    /// <summary>True when the memory is about <paramref name="subject"/> (metadata subject or its text, whole words).</summary>
    public static bool IsAbout(MemoryItem memory, string subject)
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
}
