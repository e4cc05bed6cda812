using Memory.Text;

namespace Memory.Dedup;

/// <summary>A fact read as a bag of what it says, so two wordings of one statement compare equal whatever a sentence
/// model's cosine makes of them: "My favourite colour is blue" / "Blue is my favourite colour", "I like hiking" / "I
/// enjoy hiking", "I can't stand horror movies" / "I hate horror films", "I work as a nurse" / "I'm a nurse".
/// <para>The bag holds every content word (stemmed, one spelling), name and detail, and the negation or aversion
/// itself ("not", "hate", "avoid": "I hate smoking" is not "I quit smoking"), after a short list of rewrites of
/// phrases that say one thing (<see cref="Rewrites"/>, <see cref="Synonyms"/>), with the small words that relate the others and the modals
/// ("moved to" is not "moved from", "I will retire" not "I retire"). Who does what to whom is kept
/// apart from the bag: the people and possessions, and the names, in the order they stand ("I owe Tom money" / "Tom
/// owes me money", "Tom likes Anna" / "Anna likes Tom", "my sister likes my dog" / "my dog likes my sister" differ
/// there: <see cref="SameRoles"/>).</para></summary>
internal sealed class ParaphraseForm
{
    /// <summary>Phrases rewritten before the bag is read: each, as lower-case words, to the words it means; "can't
    /// stand" only before what is disliked ("I can't stand horror movies", not "I can't stand on my left leg").</summary>
    private static readonly (string[] Phrase, string[] Means)[] Rewrites =
    [
        (["cant", "stand"], ["hate"]), (["cannot", "stand"], ["hate"]), (["can", "not", "stand"], ["hate"]),
        (["based", "in"], ["live", "in"]), (["resides", "in"], ["live", "in"]), (["reside", "in"], ["live", "in"]),
        (["was", "raised", "in"], ["grew", "up", "in"]), (["were", "raised", "in"], ["grew", "up", "in"]),
        (["was", "brought", "up", "in"], ["grew", "up", "in"]), (["raised", "in"], ["grew", "up", "in"]),
        (["get", "up"], ["wake", "up"]), (["gets", "up"], ["wake", "up"]),
        (["is", "called"], ["name", "is"]), (["is", "named"], ["name", "is"]), (["are", "called"], ["names", "are"]),
        (["are", "named"], ["names", "are"]),
        (["work", "as"], ["am"]), (["works", "as"], ["is"]), (["working", "as"], ["am"]),
        (["allergic", "to"], ["allergic"]),
    ];

    /// <summary>Words said one way in one text and another way in the other, each to one of them (by stem, or as written
    /// for a word kept whole).</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["enjoi"] = "like", ["film"] = "movi", ["scared"] = "afraid", ["frightened"] = "afraid", ["allergi"] = "allerg",
        ["detest"] = "hate", ["loath"] = "hate",
    };

    /// <summary>Words of modality and time that stemming or the stop list would lose ("I will retire" is not "I retired",
    /// "I should exercise" not "I exercise"); the contractions "I'll", "I'd" say "will" and "would".</summary>
    private static readonly Dictionary<string, string> Modals = new(StringComparer.Ordinal)
    {
        ["will"] = "will", ["would"] = "would", ["should"] = "should", ["could"] = "could", ["can"] = "can",
        ["might"] = "might", ["must"] = "must", ["shall"] = "shall", ["ought"] = "ought", ["ill"] = "will", ["id"] = "would",
        ["youll"] = "will", ["youd"] = "would", ["hell"] = "will", ["hed"] = "would", ["shell"] = "will", ["shed"] = "would",
        ["theyll"] = "will", ["theyd"] = "would", ["wed"] = "would", ["wont"] = "will", ["wouldnt"] = "would",
        ["shouldnt"] = "should", ["couldnt"] = "could", ["cant"] = "can", ["cannot"] = "can",
    };

    /// <summary>Small words that relate the others ("moved to" / "moved from", "work for" / "work with"), kept in the bag.</summary>
    private static readonly HashSet<string> Relating = new(StringComparer.Ordinal)
    {
        "about", "above", "after", "against", "at", "before", "below", "between", "by", "down", "during", "for", "from", "in",
        "into", "of", "off", "on", "out", "over", "through", "to", "under", "until", "up", "with",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal)
    {
        "i", "im", "ive", "id", "ill", "me", "we", "us", "you", "he", "him", "she", "they", "them",
    };

    internal static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "to", "from", "in", "at", "on", "of", "for", "with", "near", "by", "into", "via", "around", "outside", "inside",
    };

    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal) { "my", "our", "your", "his", "her", "their" };

    private readonly string _bag;
    private readonly List<string> _people;
    private readonly List<string> _names;
    private readonly bool _past;

    private ParaphraseForm(string bag, List<string> people, List<string> names, bool past) =>
        (_bag, _people, _names, _past) = (bag, people, names, past);

    /// <summary>True when both texts say the same things of the same people in the same tense: one statement in
    /// other words.</summary>
    public bool Matches(ParaphraseForm other) =>
        _bag.Length > 0 && string.Equals(_bag, other._bag, StringComparison.Ordinal) && _past == other._past && SameRoles(other);

    /// <summary>True when the people stand in the same order in both texts: "I", "me", "my sister" and the like as
    /// they come ("I teach my son" / "my son teaches me" differ), and the names both texts hold that are no place after
    /// a preposition ("Tom likes Anna" / "Anna likes Tom" differ; a capital that begins one sentence is no name of the
    /// other's).</summary>
    public bool SameRoles(ParaphraseForm other)
    {
        if (!_people.SequenceEqual(other._people, StringComparer.Ordinal))
        {
            return false;
        }

        var mine = _names.FindAll(other._names.Contains);
        var theirs = other._names.FindAll(_names.Contains);
        return mine.SequenceEqual(theirs, StringComparer.Ordinal);
    }

    public static ParaphraseForm Of(IReadOnlyList<FactToken> tokens)
    {
        var words = Rewritten(tokens);
        var bag = new List<string>(words.Count);
        var people = new List<string>();
        var names = new List<string>();
        var adjunct = false;
        var possessor = FactText.PossessorLength(words);
        if (possessor > 0)
        {
            // "The user's sister" is "my sister".
            people.Add("my " + Next(words, possessor - 1));
        }

        for (var i = possessor; i < words.Count; i++)
        {
            var t = words[i];
            switch (t.Class)
            {
                case TokenClass.Negation:
                    bag.Add(DedupLexicon.IsAversion(t.Lower) ? Stem(t.Lower) : "not");
                    continue;
                case TokenClass.Name:
                    // Stemmed as a word: a capital that begins the sentence may be no name ("Every morning I swim").
                    // Only a name that is someone or something the statement is about counts for order, not one after a
                    // preposition or in a list after one ("to Spain and Italy", "from Boston to Denver").
                    bag.Add(Stem(t.Lower));
                    var previous = i > 0 ? words[i - 1].Lower : string.Empty;
                    adjunct = Prepositions.Contains(previous) || (adjunct && previous is "and" or "or");
                    if (!adjunct)
                    {
                        names.Add(t.Lower);
                    }

                    continue;
                case TokenClass.Word:
                    break;
                default:
                    bag.Add(t.Value ?? t.Lower);
                    continue;
            }

            if (Person(words, i) is { } person)
            {
                people.Add(person);
                continue;
            }

            if (EnglishStopWords.Contains(t.Lower))
            {
                continue;
            }

            var word = Stem(t.Lower);
            if (!DedupLexicon.Intensifiers.Contains(word))
            {
                bag.Add(word);
            }
        }

        // Modals and the small words that relate the others count wherever they stand (the loop left them out as stop
        // words, or as the person of "I'll" / "I'd").
        foreach (var t in words)
        {
            if (t.Class is TokenClass.Word or TokenClass.Negation && Modals.TryGetValue(t.Lower, out var modal))
            {
                bag.Add(modal);
            }
            else if (t.Class == TokenClass.Word && Relating.Contains(t.Lower))
            {
                bag.Add(t.Lower);
            }
        }

        bag.Sort(StringComparer.Ordinal);
        return new ParaphraseForm(string.Join(' ', bag), people, names, FactText.IsPastState(words));
    }

    /// <summary>A word as the bag holds it: stemmed, but a past form in "-ed" kept whole ("I smoked" is not "I smoke").</summary>
    private static string Stem(string lower)
    {
        var spelled = DedupLexicon.Spelling(lower);
        var stem = spelled.Length > 4 && spelled.EndsWith("ed", StringComparison.Ordinal) ? spelled : PorterStemmer.Stem(spelled);
        return Synonyms.GetValueOrDefault(stem, stem);
    }

    /// <summary>The person the word at <paramref name="i"/> names: "i" for "I", "I'm", "the user"; "me", "we", "he"...
    /// as written; a possessive with what it owns ("my son", "her car"); null for any other word.</summary>
    internal static string? Person(List<FactToken> words, int i)
    {
        var t = words[i];
        if (t.Class != TokenClass.Word)
        {
            return null;
        }

        if (Possessives.Contains(t.Lower) && Next(words, i) is { Length: > 0 } owned)
        {
            return t.Lower + " " + owned;
        }

        return Pronouns.Contains(t.Lower) ? (t.Lower is "im" or "ive" or "id" or "ill" ? "i" : t.Lower)
            : i == 1 && t.Lower == "user" && words[0].Lower == "the" ? "i"
            : null;
    }

    /// <summary>The stem of the next content word (what a possessive owns), or empty.</summary>
    private static string Next(List<FactToken> words, int i)
    {
        for (var j = i + 1; j < words.Count; j++)
        {
            var w = words[j];
            if (w.Class == TokenClass.Word && EnglishStopWords.Contains(w.Lower))
            {
                continue;
            }

            return w.Class == TokenClass.Word ? Stem(w.Lower) : w.Value ?? w.Lower;
        }

        return string.Empty;
    }

    private static List<FactToken> Rewritten(IReadOnlyList<FactToken> tokens)
    {
        var words = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var rewrite = -1;
            for (var r = 0; r < Rewrites.Length && rewrite < 0; r++)
            {
                if (Starts(tokens, i, Rewrites[r].Phrase))
                {
                    rewrite = r;
                }
            }

            var (phrase, means) = rewrite < 0 ? default : Rewrites[rewrite];
            if (rewrite < 0 || (phrase[^1] == "stand" && !(i + phrase.Length < tokens.Count && tokens[i + phrase.Length] is var next &&
                                                          !(next.Class == TokenClass.Word && EnglishStopWords.Contains(next.Lower)))))
            {
                words.Add(tokens[i]);
                continue;
            }

            words.AddRange(means.Select(m => new FactToken(m, DedupLexicon.Negations.Contains(m) ? TokenClass.Negation : TokenClass.Word, DedupLexicon.Negations.Contains(m) ? "not" : null)));
            i += phrase.Length - 1;
        }

        return words;
    }

    private static bool Starts(IReadOnlyList<FactToken> tokens, int at, string[] phrase)
    {
        if (at + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[at + k].Lower, phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
