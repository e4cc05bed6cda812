using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>What of a message is the user's own words: not role play, not text handed over to be translated,
/// summarised or edited ("Summarize this: ..."), not quoted text; and the clause rewrites that let the rules read
/// everyday phrasing ("We're moving ...", "Born and raised in Naples", "I've been vegetarian for ten years").</summary>
internal static partial class HeuristicStatements
{
    /// <summary>The message without quoted text and without whatever follows a request to transform text.</summary>
    private static string OwnWords(string text)
    {
        var task = TextTask().Match(text);
        if (task.Success)
        {
            text = text[..task.Index];
        }

        text = DoubleQuoted().Replace(text, " ");
        return SingleQuoted().Replace(text, " ");
    }

    /// <summary>Clause rewrites: "we"/"our" speak for the user, an elided "I" is restored, a leading date moves to
    /// the end, filler adverbs after "I am" go.</summary>
    private static string Rewrite(string clause)
    {
        // "We all have our struggles", "we can change the world": everyone, not a fact about the user; "we both"
        // is the user and one other ("We both helped ...").
        var c = WeEveryone().Replace(clause, "everyone");
        c = WeBoth().Replace(c, "we");
        c = WeAre().Replace(c, "I am");
        c = We().Replace(c, "I ");
        c = Our().Replace(c, "my ");
        c = SomeoneAndI().Replace(c, "I");
        c = LuckyToHave().Replace(c, "I have my "); // "I'm lucky to have my husband and kids"
        c = ElidedI().Replace(c, m => m.Groups["born"].Success ? "I was born" : m.Groups["am"].Success ? "I am " + m.Value : m.Groups["have"].Success ? "I have " + m.Value : "I " + m.Value);
        c = BornAndRaised().Replace(c, "born in");
        c = AmFiller().Replace(c, "I am ");
        c = TryTo().Replace(c, "I ");
        var lead = LeadingTime().Match(c);
        if (lead.Success)
        {
            var t = lead.Groups["t"].Value;
            c = $"{lead.Groups["c"].Value} {char.ToLowerInvariant(t[0])}{t[1..]}"; // "Next month I'm ..." -> "... next month"
        }

        return c;
    }

    /// <summary>"I've been a nurse for nine years" read as "I am a nurse"; null when not of that form.</summary>
    private static string? Variant(string clause)
    {
        var m = HaveBeen().Match(clause);
        return m.Success ? "I am " + Duration().Replace(m.Groups["rest"].Value, string.Empty) : null;
    }

    /// <summary>"His name is Bruno" after "I have a dog": names the pet or relative just mentioned.</summary>
    private static bool NameFor(List<Statement> result, string name)
    {
        var index = result.FindLastIndex(s => s.Action == FactAction.Assert && !s.Draft.Text.Contains(" named ", StringComparison.Ordinal) &&
                                              (s.Draft.Slot is FactSlots.Pet or FactSlots.Family || PetOrRelative().IsMatch(s.Draft.Text)));
        if (index < 0)
        {
            return false;
        }

        var s = result[index];
        result[index] = s with { Draft = s.Draft with { Text = $"{s.Draft.Text} named {name}", Subject = $"{s.Draft.Subject} {name.ToLowerInvariant()}".Trim() } };
        return true;
    }

    // Role play and fiction: nothing in the message is about the user.
    [GeneratedRegex(@"\blet(?:'s|\s+us)\s+(?:play|pretend|act|role-?\s?play|imagine)\b|\brole-?\s?play|\bplay\s+along\b|\bin\s+(?:this|the|my|our)\s+(?:story|game|novel|scene|campaign|role-?play)\b|\bmy\s+character\b|\bpretend\s+(?:I|I'm|I\s+am|that|to|you)\b|\b(?:I'll|I\s+will)\s+be\s+the\s+\w+\s+and\s+you\b|\byou\s+be\s+the\b|\bact\s+out\b|\bfor\s+this\s+(?:d&d|dnd|game|session|campaign)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fiction();

    // "Translate to French: ...", "Summarize this: ...", "Here is a paragraph: ...": the rest is someone's text.
    [GeneratedRegex(@"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|help\s+me)\s+)?(?:translate|summari[sz]e|proofread|rewrite|re-write|rephrase|paraphrase|reword|shorten|condense|edit|fix|correct|polish|improve|check|tl;?\s?dr|make\s+(?:this|it)|give\s+me\s+(?:a\s+summary|the\s+(?:key|main)\s+points|a\s+tl;?dr)|write\s+(?:a|an|the)\s+[\w -]{0,30}summary|here(?:'s|\s+is|\s+are)|the\s+following|below\s+is)\b[^:\n]{0,80}:", RegexOptions.IgnoreCase)]
    private static partial Regex TextTask();

    [GeneratedRegex("[\"«„“][^\"«»„“”]{0,400}[\"»”“]")]
    private static partial Regex DoubleQuoted();

    // 'quoted text' (apostrophes inside words, as in I'm, do not end it).
    [GeneratedRegex(@"(?<![\p{L}\p{N}])'(?:[^']|(?<=\p{L})'(?=\p{L})){2,400}?'(?![\p{L}])")]
    private static partial Regex SingleQuoted();

    // "I'm blind and use a screen reader": the second verb's subject is the user too.
    [GeneratedRegex(@"(?<=\bI\b(?:(?!\b(?:he|she|they|you|it|we|his|her|their|to|ll|d|will|would|can|could|might|should|must|want|wanted|wanna|need|gonna|going|why|how|what|whether)\b)[^,.;!?])*?)\s+and\s+(?:also\s+|just\s+|then\s+)?(?=(?:use|take|need|have|speak|grew|live|work|love|like|hate|play|own|drive|run|moved|retired|was|study|teach|volunteer|ride|keep|eat|drink|make|sing|collect|paint|enjoy|rely|navigate|wear|walk|cycle|swim|surf|knit|cook|bake|rent|got)\b)")]
    private static partial Regex ElidedSubject();

    [GeneratedRegex(@"\b(?:\w+\s+)?languages\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LanguagesList();

    // A casual self-introduction lists facts without verbs: "I'm Sam, 29, living in Leeds", "I'm Ana, 34, from
    // Porto". The age after the name becomes its own clause ...
    [GeneratedRegex(@"(?<=(?:^|[.!?]\s*)(?i:(?:hi|hello|hey|hiya)(?:\s+there)?[,!]*\s*)?)(I am \p{L}[\p{L}'-]*),\s*(\d{1,3})(?=\s*(?:[,.!?]|$))")]
    private static partial Regex IntroAge();

    // ... and so does a verbless tail of an "I am" clause ("living in", "based in", "working as", "from").
    [GeneratedRegex(@"(?<=\bI am [^.!?,]{1,40}(?:,\s*[^.!?,]{1,20})?)\s*,\s*(?=(?:living|based|working)\s+(?:in|at|for|as|near)\b|from\s+\p{Lu})", RegexOptions.IgnoreCase)]
    private static partial Regex IntroTail();

    [GeneratedRegex(@"^(?:his|her|its|their)\s+name(?:'s|\s+is)\s+(?<v>[A-Z][a-z]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnName();

    [GeneratedRegex(@"\b(?:dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|fish|turtle|tortoise|snake|lizard|horse|bird|ferret|budgie|gecko|pony|greyhound|retriever|terrier|spaniel|beagle|poodle|labrador|collie|son|daughter|baby|child|kid|brother|sister|wife|husband|partner|boyfriend|girlfriend)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex PetOrRelative();

    [GeneratedRegex(@"\b(?:anymore|any\s+more|any\s+longer|no\s+longer|after\s+all)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeCue();

    [GeneratedRegex(@"^(?:we\s+(?:all|each|can|could)|all\s+of\s+us|each\s+of\s+us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeEveryone();

    [GeneratedRegex(@"^we\s+both\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeBoth();

    [GeneratedRegex(@"^we(?:\s+are|'re)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeAre();

    [GeneratedRegex(@"^we\s+", RegexOptions.IgnoreCase)]
    private static partial Regex We();

    [GeneratedRegex(@"^our\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Our();

    [GeneratedRegex(@"^I\s+am\s+(?:so\s+|really\s+|very\s+|super\s+|truly\s+)?(?:lucky|blessed|grateful|thankful|fortunate)\s+to\s+have\s+my\s+(?=(?:wife|husband|partner|boyfriend|girlfriend|kids|children|son|daughter|sons|daughters|twins|parents|mum|mom|dad|brother|sister|brothers|sisters|siblings|grandchildren)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex LuckyToHave();

    [GeneratedRegex(@"^my\s+[a-z]+\s+and\s+I\b", RegexOptions.IgnoreCase)]
    private static partial Regex SomeoneAndI();

    [GeneratedRegex(@"^(?:(?<born>born)\b|(?<am>not\s+(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of\b|allergic\s+to\b|originally\s+from\b)|(?<have>been\s+(?:working|living|studying|learning)\b)|(?:just\s+)?(?:moved|relocated|lost\s+my\s+job)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ElidedI();

    [GeneratedRegex(@"\bborn\s+and\s+(?:raised|bred)\s+in\b", RegexOptions.IgnoreCase)]
    private static partial Regex BornAndRaised();

    [GeneratedRegex(@"^I\s+am\s+(?:actually|really|also|still|honestly|definitely|totally|currently|so)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AmFiller();

    [GeneratedRegex(@"^I\s+(?:try|am\s+trying)\s+to\s+(?=avoid|eat|limit|cut)", RegexOptions.IgnoreCase)]
    private static partial Regex TryTo();

    [GeneratedRegex(@"^(?<t>next\s+\w+|tomorrow|tonight|this\s+(?:week|weekend|month|year|summer|winter|spring|autumn|fall))\s*,?\s+(?<c>I\b.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingTime();

    [GeneratedRegex(@"^I\s+(?:have|'ve)\s+been\s+(?!to\b|told\b|asked\b|thinking\b|wondering\b|trying\b|looking\b|meaning\b|waiting\b)(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex HaveBeen();

    [GeneratedRegex(@"\s+(?:for\s+(?:(?:over|about|almost|nearly|more\s+than)\s+)?(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|ages|a\s+while|a\s+long\s+time)|since\s+.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
