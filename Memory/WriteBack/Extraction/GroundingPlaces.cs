using Memory.Text;

namespace Memory.WriteBack.Extraction;

/// <summary>The place or employer a fact puts the user's work or home in ("works at a care home", "lives on a farm",
/// "employed by a bank") must be said, each of its words: one content word said is not enough when the others name
/// another place ("I look after my mum at home" is no "care home"), and the role of someone who works there is not the
/// place ("carer" is no "care home", "farmer" no "farm", "baker" no "bakery"). A generic head ("company", "industry")
/// and a filler adjective ("local", "small") need not be said: "a software firm" grounds "a software company", "in
/// food" "in the food industry".</summary>
internal static class GroundingPlaces
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "work", "works", "worked", "working", "employed", "volunteer", "volunteers", "volunteering", "live", "lives", "lived",
        "living", "based", "reside", "resides", "residing", "job",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal) { "at", "for", "in", "on", "by" };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "their", "his", "her", "our", "its", "this", "that", "some", "one",
    };

    /// <summary>Heads a model adds to a place or field without naming another ("a software company", "the food
    /// industry", "the night shift").</summary>
    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    {
        "company", "companies", "firm", "business", "industry", "sector", "field", "organisation", "organization", "place",
        "area", "department", "team", "role", "position", "job", "space", "world", "setting", "shift", "shifts", "service",
        "services",
    };

    /// <summary>Adjectives a model adds that name no other place ("a local hospital" for "the hospital").</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "local", "small", "big", "large", "little", "new", "nearby", "tiny", "huge", "major", "busy", "same",
    };

    /// <summary>Words that end a place phrase besides stop words ("a care home called Sunrise", "at Google now").</summary>
    private static readonly HashSet<string> Ends = new(StringComparer.Ordinal)
    {
        "called", "named", "near", "since", "full", "part", "every", "each", "now", "currently", "still", "also", "today",
    };

    /// <summary>False when a place phrase of <paramref name="factText"/> has a word said neither by the user nor in the
    /// question the user answered.</summary>
    public static bool Said(string factText, GroundingEvidence user, GroundingEvidence? asked)
    {
        var words = TextAnalyzer.Words(factText);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!Verbs.Contains(words[i]) || !Prepositions.Contains(words[i + 1]) || (words[i + 1] == "by" && words[i] != "employed"))
            {
                continue;
            }

            var j = i + 2;
            while (j < words.Count && Determiners.Contains(words[j]))
            {
                j++;
            }

            for (; j < words.Count && !EnglishStopWords.Contains(words[j]) && !Ends.Contains(words[j]); j++)
            {
                var word = words[j];
                if (GenericHeads.Contains(word) || Fillers.Contains(word) || word.Any(char.IsAsciiDigit) || GroundingNumbers.IsNumberWord(word))
                {
                    continue;
                }

                if (!user.HasPlaceWord(word) && asked?.HasPlaceWord(word) != true)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
