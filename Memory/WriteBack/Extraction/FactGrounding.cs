using System.Globalization;
using Memory.Text;

namespace Memory.WriteBack.Extraction;

/// <summary>Whether an LLM-extracted fact is supported by what the user wrote: its numbers, its capitalised names and
/// at least one of its content words must appear in the user messages it cites (and, for a short answer, in the
/// question the assistant asked, though never in the question alone), and it must not say "not" where the user said
/// nothing negative, nor assert what the user only negated (before its words or after: "X isn't my thing"), nor put the
/// user's work or home in a place the user did not name, in the present when the user only had it, or at a degree the
/// user did not claim. A model that embellishes ("3 kids" for "two kids", "Google" for "a search company", "Berlin" for
/// "Paris", "care home" for "carer", "fluent" for "a little", "lives in" for "I've lived in") or lifts a fact from the
/// question is caught; a paraphrase
/// ("I'm vegetarian" → "The user is a vegetarian", "call me Alex" → "The user's name is Alex") passes. Messages
/// mostly in another language or script are not checked (the rules are English). Rules in docs/writeback.md.</summary>
internal static partial class FactGrounding
{
    public const string NumberRule = "number";
    public const string NameRule = "name";
    public const string ContentRule = "content";
    public const string QuestionOnlyRule = "question-only";
    public const string NegationRule = "negation";
    public const string PlaceRule = "place";
    public const string TenseRule = "tense";
    public const string DegreeRule = "degree";

    /// <summary>Longest user answer (in words) that is read with the assistant's question, as the heuristics do.</summary>
    private const int MaxAnswerWords = 8;

    /// <summary>Words of a memory sentence that say nothing on their own ("The user likes ...", "... lives in ...").</summary>
    private static readonly HashSet<string> Generic = new(
        new[]
        {
            "user", "like", "love", "enjoy", "prefer", "want", "live", "lives", "lived", "living", "work", "works", "worked", "working",
            "name", "named", "call", "called", "current", "currently", "also", "now", "really", "usually", "person", "favorite",
            "favourite", "based", "get", "got", "go", "goes", "make", "makes", "say", "says", "said", "people", "someone",
        }.Select(PorterStemmer.Stem),
        StringComparer.Ordinal);

    /// <summary>The commonest paraphrases a careful model makes, read as one word on both sides.</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["kid"] = "child", ["kids"] = "child", ["children"] = "child", ["mom"] = "mother", ["mum"] = "mother", ["mommy"] = "mother",
        ["mama"] = "mother", ["dad"] = "father", ["daddy"] = "father", ["papa"] = "father", ["grandma"] = "grandmother",
        ["granny"] = "grandmother", ["grandpa"] = "grandfather", ["hubby"] = "husband", ["bf"] = "boyfriend", ["gf"] = "girlfriend",
        ["puppy"] = "dog", ["pup"] = "dog", ["doggo"] = "dog", ["kitten"] = "cat", ["kitty"] = "cat", ["job"] = "work",
        ["occupation"] = "work", ["profession"] = "work", ["employed"] = "work", ["reply"] = "answer", ["replies"] = "answer",
        ["response"] = "answer", ["responses"] = "answer", ["respond"] = "answer", ["center"] = "centre", ["theater"] = "theatre",
    };

    /// <summary>Besides negations, what lets a fact say "doesn't", "no longer" or "dislikes": a change, an aversion, a
    /// condition that means avoiding something, or a "-free".</summary>
    private static readonly HashSet<string> ChangeCues = new(StringComparer.Ordinal)
    {
        "anymore", "stopped", "stop", "stops", "quit", "quitting", "gave", "give", "giving", "former", "formerly", "ex", "used",
        "left", "leaving", "moved", "retired", "divorced", "separated", "broke", "free", "hate", "hates", "dislike",
        "dislikes", "avoid", "avoids", "allergic", "intolerant", "forget", "forgot", "died", "lost", "sold", "cut", "skip",
        "refuse", "instead", "detest", "loathe", "despise", "disgusting", "gross", "awful", "terrible", "horrible", "boring",
        "annoying", "yuck", "celiac", "coeliac",
    };

    /// <summary>Words that make a fact negative without a "not" ("The user dislikes ...", "... must avoid gluten").</summary>
    private static readonly HashSet<string> Aversions = new(StringComparer.Ordinal)
    {
        "dislike", "dislikes", "hate", "hates", "avoid", "avoids", "detest", "detests", "loathe", "loathes", "despise", "despises",
    };

    /// <summary>Function words of the languages users most often write in besides English (a message full of them is
    /// not read by these rules).</summary>
    private static readonly HashSet<string> ForeignFunctionWords = new(StringComparer.Ordinal)
    {
        "de", "la", "el", "los", "las", "y", "que", "en", "es", "soy", "tengo", "vivo", "mi", "con", "por", "para", "le",
        "les", "et", "des", "du", "je", "suis", "jai", "une", "avec", "pour", "est", "und", "der", "das", "ich", "bin", "habe",
        "nicht", "mit", "ein", "eine", "eu", "uma", "sou", "nao", "com", "il", "di", "che", "sono", "ho", "ik", "het", "een",
        "jag", "och",
    };

    /// <summary>The grounded facts of <paramref name="facts"/>, in order; <paramref name="dropped"/> counts the others
    /// by the rule each broke ("number=1,name=2"), null when none was dropped.</summary>
    public static IReadOnlyList<ExtractedFact> Keep(IReadOnlyList<ExtractedFact> facts, ConversationTurn turn, out string? dropped)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var kept = new List<ExtractedFact>(facts.Count);
        SortedDictionary<string, int>? broken = null;
        var evidence = new Dictionary<string, GroundingEvidence?>(StringComparer.Ordinal); // facts citing the same messages share it
        foreach (var fact in facts)
        {
            if (Check(fact, turn, evidence) is { } rule)
            {
                broken ??= new SortedDictionary<string, int>(StringComparer.Ordinal);
                broken[rule] = broken.GetValueOrDefault(rule) + 1;
            }
            else
            {
                kept.Add(fact);
            }
        }

        dropped = broken is null ? null : string.Join(',', broken.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key}={b.Value}")));
        return kept;
    }

    /// <summary>The first rule <paramref name="fact"/> breaks against the messages it cites, or null when it is grounded
    /// (or written in a language these rules do not read).</summary>
    public static string? Check(ExtractedFact fact, ConversationTurn turn) => Check(fact, turn, null);

    private static string? Check(ExtractedFact fact, ConversationTurn turn, Dictionary<string, GroundingEvidence?>? cache)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(turn);
        var cited = turn.UserMessages.Where(m => fact.Sources.Contains(m.Id, StringComparer.Ordinal)).ToList();
        if (cited.Count == 0)
        {
            cited = [.. turn.UserMessages];
        }

        var key = string.Join('\n', cited.Select(m => m.Id));
        if (cache is null || !cache.TryGetValue(key, out var user))
        {
            var userText = string.Join("\n", cited.Select(m => m.Text));
            user = ReadsAsEnglish(userText) ? GroundingEvidence.Of(userText) : null;
            cache?.Add(key, user);
        }

        if (user is null)
        {
            return null; // another language: not read by these rules
        }

        var asked = ShortAnswerQuestion(fact, turn) is { } question ? GroundingEvidence.Of(question) : null;

        var (numbers, times) = GroundingNumbers.Read(fact.Text, monthNames: false, looseOnes: false);
        var numbersInUser = 0;
        foreach (var n in numbers)
        {
            if (user.HasNumber(n))
            {
                numbersInUser++;
            }
            else if (asked?.HasNumber(n) != true)
            {
                return NumberRule;
            }
        }

        foreach (var t in times)
        {
            if (user.HasTime(t))
            {
                numbersInUser++;
            }
            else if (asked?.HasTime(t) != true)
            {
                return NumberRule;
            }
        }

        foreach (var name in CapitalisedWords(fact.Text))
        {
            if (!user.HasName(name) && asked?.HasName(name) != true)
            {
                return NameRule;
            }
        }

        var terms = ContentTerms(fact.Text);
        var inUser = terms.Any(t => user.HasTerm(t) || ImpliedTerms.Grounds(t, user));
        if (!inUser && numbersInUser == 0)
        {
            if (asked is null || !(terms.Any(asked.HasTerm) || numbers.Count + times.Count > 0))
            {
                return ContentRule;
            }

            // Supported by the question alone: "yes" to "Do you like jazz?" is not the user saying it, though "no" to
            // "Are you still in Lisbon?" does take Lisbon back.
            if (!(fact.Action == FactAction.Retract && user.Negated))
            {
                return QuestionOnlyRule;
            }
        }

        if (fact.Action != FactAction.Assert)
        {
            return null;
        }

        var factWords = TextAnalyzer.Words(fact.Text);
        if (!NegationAgrees(factWords, terms, user))
        {
            return NegationRule;
        }

        if (!GroundingPlaces.Said(fact.Text, user, asked))
        {
            return PlaceRule;
        }

        if (!GroundingTense.Agrees(factWords, terms, user))
        {
            return TenseRule;
        }

        return GroundingDegrees.Said(factWords, terms, user) ? null : DegreeRule;
    }

    /// <summary>The question the fact's short answer replies to, when the turn records one: the first user message,
    /// at most eight words, cited by the fact (never for an observation).</summary>
    private static string? ShortAnswerQuestion(ExtractedFact fact, ConversationTurn turn)
    {
        if (turn.IsObservation || string.IsNullOrWhiteSpace(turn.AssistantQuestion) || turn.UserMessages.Count == 0)
        {
            return null;
        }

        var first = turn.UserMessages[0];
        var cites = fact.Sources.Count == 0 || fact.Sources.Contains(first.Id, StringComparer.Ordinal);
        return cites && first.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= MaxAnswerWords
            ? turn.AssistantQuestion
            : null;
    }

    /// <summary>A negative fact ("doesn't", "no longer", "dislikes", "avoids") needs a negation, a change or an aversion
    /// in the user's words; a positive one must not rest only on clauses the user negated before its words ("I don't
    /// live in Lisbon" is no "lives in Lisbon"; "the 14th, not the 15th" still gives the 14th), nor only on a taste the
    /// user denied after them ("Horror films aren't really my thing" is no "likes horror films").</summary>
    private static bool NegationAgrees(List<string> factWords, IReadOnlyList<string> terms, GroundingEvidence user)
    {
        if (factWords.Exists(w => GroundingEvidence.Negations.Contains(w) || Aversions.Contains(w) || (w == "non" && !user.Words.Contains("non"))))
        {
            return user.Negated || user.Words.Overlaps(ChangeCues);
        }

        var supporting = user.Clauses.Where(c => terms.Any(c.HasTerm)).ToList();
        return supporting.Count == 0 || (supporting.Exists(c => !c.NegatesBefore(terms)) && !TasteDenial.Denies(user, terms, factWords));
    }

    /// <summary>Stemmed content words: not stop words, numbers, or the generic words of a memory sentence.</summary>
    internal static List<string> ContentTerms(string text)
    {
        var terms = new List<string>();
        foreach (var word in TextAnalyzer.Words(text))
        {
            if (EnglishStopWords.Contains(word) || word.Any(char.IsAsciiDigit) || GroundingNumbers.IsNumberWord(word))
            {
                continue;
            }

            var term = Term(word);
            if (!Generic.Contains(term))
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    /// <summary>A normalised word as the rules compare it: a common paraphrase mapped, then stemmed.</summary>
    internal static string Term(string word) => PorterStemmer.Stem(Synonyms.GetValueOrDefault(word, word));

    /// <summary>The fact's capitalised words that are not sentence boilerplate ("The", "User", "I"), normalised
    /// (lower case, accents folded, possessive dropped); each part of a multi-word name separately.</summary>
    private static IEnumerable<string> CapitalisedWords(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '\u2019' or '-' || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
            {
                continue;
            }

            if (i > start && char.IsUpper(text[start]))
            {
                foreach (var word in TextAnalyzer.Words(text[start..i]))
                {
                    if (!EnglishStopWords.Contains(word) && word is not ("user" or "users"))
                    {
                        yield return word;
                    }
                }
            }

            start = i + 1;
        }
    }

    /// <summary>False for messages mostly in another script, or with more function words of another language than of
    /// English ("tengo dos gatos y vivo en Madrid").</summary>
    private static bool ReadsAsEnglish(string text)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                if (c <= '\u024F')
                {
                    latin++;
                }
                else
                {
                    other++;
                }
            }
        }

        if (other > latin)
        {
            return false;
        }

        var words = TextAnalyzer.Words(text);
        return words.Count(ForeignFunctionWords.Contains) <= words.Count(EnglishStopWords.Contains);
    }
}
