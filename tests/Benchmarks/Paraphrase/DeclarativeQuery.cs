namespace Benchmarks.Paraphrase;

/// <summary>Lab only (<c>paraphrase-lab</c>; measured, not shipped: it lowered dense top-1, docs/memory-retrieval.md).
/// Rewrites a short English question as the statement that would answer it, for the dense side of retrieval:
/// sentence models compare a statement with statements better than a question with them ("Which film genre do I
/// dislike?" → "I dislike film genre", "Am I vegan?" → "I am vegan", "What is my spouse's job?" → "my spouse's job
/// is"). Rule-based and general: the wh-word goes, its noun phrase moves to the end, the auxiliary after it is
/// dropped (do/does/did) or put back after the subject. Anything that is not one short question comes back as it is.</summary>
internal static class DeclarativeQuery
{
    /// <summary>Longest question (in words) that is rewritten; longer text is a message, not a lookup.</summary>
    public const int MaxWords = 24;

    private static readonly HashSet<string> WhWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "where", "when", "why", "how",
    };

    /// <summary>Wh-words whose following words (before the auxiliary) are kept as the answer's noun phrase.</summary>
    private static readonly HashSet<string> PhraseWhWords = new(StringComparer.OrdinalIgnoreCase) { "what", "which", "whose", "how" };

    private static readonly HashSet<string> DoForms = new(StringComparer.OrdinalIgnoreCase) { "do", "does", "did" };

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "do", "does", "did", "am", "is", "are", "was", "were", "have", "has", "had",
        "can", "could", "will", "would", "shall", "should", "may", "might", "must",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "we", "you", "he", "she", "they", "it", "someone", "anyone", "anybody", "somebody",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "my", "our", "your", "his", "her", "their", "its", "the", "this", "that", "these", "those", "a", "an",
    };

    /// <summary>The declarative form of <paramref name="query"/>, or <paramref name="query"/> itself when it is not
    /// one short question the rules understand.</summary>
    public static string Rewrite(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        if (!text.EndsWith('?') || text.AsSpan(0, text.Length - 1).IndexOfAny(".?!\n") >= 0)
        {
            return query; // not a question, or more than one sentence
        }

        var words = text.TrimEnd('?', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',')).Where(w => w.Length > 0).ToList();
        if (words.Count is < 2 or > MaxWords)
        {
            return query;
        }

        var rewritten = WhWords.Contains(words[0]) ? WhQuestion(words) : Auxiliaries.Contains(words[0]) ? YesNoQuestion(words, 0) : null;
        return string.IsNullOrWhiteSpace(rewritten) ? query : rewritten;
    }

    /// <summary>"Which film genre do I dislike" → "I dislike film genre"; "Who is in charge of me" → "is in charge of me".</summary>
    private static string? WhQuestion(List<string> words)
    {
        var phrase = new List<string>();
        var i = 1;
        if (PhraseWhWords.Contains(words[0]))
        {
            while (i < words.Count && !Auxiliaries.Contains(words[i]))
            {
                phrase.Add(words[i++]);
            }
        }

        if (i >= words.Count)
        {
            return Join(phrase); // "What colour" (no auxiliary): the phrase alone
        }

        if (!Auxiliaries.Contains(words[i]))
        {
            return Join(words.Skip(i)); // "Where my keys" and the like: the wh-word goes
        }

        var statement = YesNoQuestion(words, i);
        return Join(new[] { statement ?? string.Empty }.Concat(phrase));
    }

    /// <summary>The clause from the auxiliary at <paramref name="at"/> on, subject first: "do I consume meat" → "I
    /// consume meat", "is my car electric" → "my car is electric", "is in charge of me" (no subject) → as is.</summary>
    private static string? YesNoQuestion(List<string> words, int at)
    {
        var auxiliary = words[at];
        var rest = words.Skip(at + 1).ToList();
        if (rest.Count == 0)
        {
            return DoForms.Contains(auxiliary) ? null : auxiliary.ToLowerInvariant();
        }

        var subjectLength = SubjectLength(rest);
        if (subjectLength == 0)
        {
            return Join(words.Skip(at).Select((w, k) => k == 0 ? w.ToLowerInvariant() : w));
        }

        var subject = rest.Take(subjectLength);
        var verb = DoForms.Contains(auxiliary) ? [] : new[] { auxiliary.ToLowerInvariant() };
        return Join(subject.Select((w, k) => k == 0 && Pronouns.Contains(w) && w != "I" ? w.ToLowerInvariant() : w).Concat(verb).Concat(rest.Skip(subjectLength)));
    }

    /// <summary>How many leading words of <paramref name="rest"/> are the subject: a pronoun; a determiner and its noun
    /// (with a possessive's noun: "my spouse's job"); or a run of capitalised names. 0 when the clause has no subject of its own ("is in charge of me").</summary>
    private static int SubjectLength(List<string> rest)
    {
        if (Pronouns.Contains(rest[0]))
        {
            return 1;
        }

        if (Determiners.Contains(rest[0]))
        {
            var length = Math.Min(2, rest.Count);
            while (length < rest.Count && rest[length - 1].EndsWith("'s", StringComparison.OrdinalIgnoreCase))
            {
                length++;
            }

            return length;
        }

        var names = 0;
        while (names < rest.Count && char.IsUpper(rest[names][0]))
        {
            names++;
        }

        return names;
    }

    private static string Join(IEnumerable<string> words) => string.Join(' ', words.Where(w => w.Length > 0));
}
