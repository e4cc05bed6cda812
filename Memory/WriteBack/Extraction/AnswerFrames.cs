using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>A short answer read against the question the assistant asked just before it: "Porto" after "Where do you
/// live?" is "I live in Porto"; "a nurse" after "What do you do for a living?" is "I'm a nurse". Onboarding flows ask
/// exactly these questions, and users answer them in a word. The question only frames the answer: the value is always
/// the user's own words, and the composed sentence goes through the same rules as anything the user typed, so an
/// answer that is not a value ("no", "why do you ask?", "I'd rather not say") stores nothing.</summary>
public static partial class AnswerFrames
{
    private const int MaxQuestionLength = 300;
    private const int MaxAnswerWords = 8;

    private sealed record Frame(Regex Question, Func<string, string?> Compose);

    private static readonly Frame[] Frames =
    [
        new(Q(@"\bwhere\s+(?:do|did)\s+you\s+(?:currently\s+|now\s+)?live\b|\bwhere\s+are\s+you\s+(?:currently\s+|now\s+)?(?:based|living|located)\b|\bwhich\s+(?:city|town|country)\s+(?:do\s+you\s+live\s+in|are\s+you\s+(?:in|based\s+in))\b|\bwhere(?:'s|\s+is)\s+home\s+for\s+you\b"),
            a => NearPlace().IsMatch(a) ? $"I live {a}" : $"I live in {StripLead(a, "in")}"), // "near Porto"
        new(Q(@"\bwhere\s+are\s+you\s+(?:originally\s+)?from\b|\bwhere\s+do\s+you\s+come\s+from\b"),
            a => $"I am from {StripLead(a, "from")}"),
        new(Q(@"\bwhere\s+did\s+you\s+grow\s+up\b"),
            a => $"I grew up in {StripLead(a, "in")}"),
        new(Q(@"\bwhere\s+were\s+you\s+born\b"),
            a => $"I was born in {StripLead(a, "in")}"),
        new(Q(@"\bwhat\s+do\s+you\s+do(?:\s+for\s+(?:a\s+living|work|your\s+job))?\s*\?|\bwhat(?:'s|\s+is)\s+your\s+(?:job|occupation|profession|line\s+of\s+work)\b|\bwhat\s+(?:kind\s+of\s+|sort\s+of\s+)?work\s+do\s+you\s+do\b"),
            Job),
        new(Q(@"\bwhere\s+do\s+you\s+work\b|\bwhich\s+company\s+do\s+you\s+work\s+(?:for|at)\b|\bwho\s+do\s+you\s+work\s+for\b|\bwho(?:'s|\s+is)\s+your\s+employer\b"),
            a => $"I work at {StripLead(a, "at", "for")}"),
        new(NameQuestion(), a => a.Split(' ').Length <= 3 ? $"My name is {a}" : null),
        new(Q(@"\bhow\s+old\s+are\s+you\b|\bwhat(?:'s|\s+is)\s+your\s+age\b"),
            a => AgeAnswer().IsMatch(a) ? $"I am {a}" : null),
        new(Q(@"\bwhen(?:'s|\s+is)\s+your\s+birthday\b"),
            a => $"My birthday is {StripLead(a, "on")}"),
        new(Q(@"\bdo\s+you\s+have\s+(?:any\s+)?(?:pets?|animals?)\b|\bany\s+pets\b"),
            a => $"I have {a}"),
        new(Q(@"\bdo\s+you\s+have\s+(?:any\s+)?(?:kids|children)\b|\bany\s+(?:kids|children)\b"),
            a => $"I have {a}"),
        new(Q(@"\b(?:do\s+you\s+have\s+)?any\s+(?:food\s+|known\s+)?allergies\b|\bare\s+you\s+allergic\s+to\s+anything\b|\bwhat\s+are\s+you\s+allergic\s+to\b"),
            a => $"I am allergic to {StripLead(a, "to")}"),
        new(Q(@"\bany\s+dietary\s+(?:restrictions|requirements|preferences|needs)\b|\bdo\s+you\s+follow\s+(?:a|any)\s+(?:special\s+|particular\s+)?diet\b|\bwhat\s+(?:kind\s+of\s+)?diet\s+do\s+you\s+follow\b"),
            Diet),
        new(Q(@"\b(?:what|which)\s+languages?\s+do\s+you\s+speak\b"),
            a => $"I speak {a}"),
        new(Q(@"\bwhat\s+are\s+your\s+pronouns\b|\bwhich\s+pronouns\s+do\s+you\s+use\b"),
            a => $"My pronouns are {a}"),
        new(Q(@"\bwhat\s+(?:are\s+your\s+hobbies|do\s+you\s+(?:like\s+to\s+)?do\s+for\s+fun|do\s+you\s+do\s+in\s+your\s+(?:free|spare)\s+time)\b"),
            a => $"I enjoy {a}"),
    ];

    // A question that checks a remembered fact ("Are you still in Lisbon?", "Do you still work at Acme?", "Are you still
    // vegetarian?"): "no" retracts it, "no, Porto" replaces it, "yes" adds nothing.
    private sealed record Confirmation(Regex Question, Func<string, string> Denied, Func<string, string> Replaced);

    private static readonly Confirmation[] Confirmations =
    [
        new(Q(@"\b(?:are\s+you\s+still\s+(?:living\s+|based\s+)?in|do\s+you\s+still\s+live\s+in|you(?:'re|\s+are)\s+(?:still\s+)?(?:living\s+|based\s+)?in)\s+(?<old>(?-i:\p{Lu})[\p{L}'-]*(?:\s+(?-i:\p{Lu})[\p{L}'-]*){0,2})"),
            old => $"I no longer live in {old}", v => $"I live in {StripLead(v, "in")}"),
        new(Q(@"\b(?:do\s+you\s+still\s+work\s+(?:at|for)|are\s+you\s+still\s+(?:working\s+)?(?:at|with|for)|you\s+(?:still\s+)?work\s+(?:at|for))\s+(?<old>(?-i:\p{Lu})[\p{L}&'-]*(?:\s+(?-i:\p{Lu})[\p{L}&'-]*){0,2})"),
            old => $"I no longer work at {old}", v => $"I work at {StripLead(v, "at", "for")}"),
        new(Q(@"\b(?:are\s+you\s+still|you(?:'re|\s+are)\s+still)\s+(?:working\s+as\s+)?(?<old>(?:a|an)\s+(?!(?:" + HeuristicRules.Diets + @")\b)[a-z][a-z -]{2,30}?)(?:\s+(?:at|in|for)\s+[^?]*)?\s*(?:,\s*right\s*)?\?"),
            old => $"I am no longer {old}", v => $"I work as {WithArticle(v)}"),
        new(Q(@"\b(?:are\s+you\s+still|you(?:'re|\s+are)\s+still|still)\s+(?:a\s+)?(?<old>" + HeuristicRules.Diets + "|" + HeuristicRules.DietStyles + @")\b"),
            old => $"I am not {old} anymore", v => $"I am {v}"),
    ];

    private static readonly Regex FavoriteQuestion = Q(@"\bwhat(?:'s|\s+is)\s+your\s+(?<k>fav(?:ou?rite|e)?\s+[a-z][a-z -]{1,30}?)\s*\?");

    /// <summary>The last sentence of an assistant message when it is a question (what a reply answers), at most 300
    /// characters; else null.</summary>
    public static string? QuestionOf(string? assistantText)
    {
        if (string.IsNullOrWhiteSpace(assistantText))
        {
            return null;
        }

        var text = assistantText.TrimEnd();
        if (!text.EndsWith('?'))
        {
            return null;
        }

        var start = text.Length - 1;
        while (start > 0 && text[start - 1] is not ('.' or '!' or '?' or '\n'))
        {
            start--;
        }

        var question = text[start..].Trim();
        return question.Length is 0 or > MaxQuestionLength ? null : question;
    }

    /// <summary>The user's short <paramref name="answer"/> to <paramref name="question"/> as a first-person sentence
    /// ("I live in Porto"), or null when the question is not one the frames know, matches more than one, or the
    /// answer is not a short value (a refusal, a question, a sentence of its own).</summary>
    public static string? Compose(string? question, string answer)
    {
        if (string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        try
        {
            foreach (var c in Confirmations)
            {
                if (c.Question.Match(question) is { Success: true } checkedFact)
                {
                    return Confirm(c, checkedFact.Groups["old"].Value, answer);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        // "I'm Sam" answers "What's your name?" (said alone, "I'm Sam" is not read as a name: "I'm tired" is not one).
        if (NameQuestion().IsMatch(question) && IntroducedName().Match(answer.Trim()) is { Success: true } introduced)
        {
            return $"My name is {introduced.Groups["n"].Value}";
        }

        var a = Clean(answer);
        if (a is null)
        {
            return null;
        }

        string? composed = null;
        var matches = 0;
        try
        {
            foreach (var frame in Frames)
            {
                if (frame.Question.IsMatch(question))
                {
                    matches++;
                    composed = frame.Compose(a);
                }
            }

            if (FavoriteQuestion.Match(question) is { Success: true } favorite)
            {
                matches++;
                composed = $"My {favorite.Groups["k"].Value.Trim()} is {a}";
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // a pathological question frames nothing
        }

        // "Where do you live and what do you do?": which part a one-word answer answers is a guess.
        return matches == 1 ? composed : null;
    }

    /// <summary>The value of a short answer: its first sentence without "yes," / "sure," and end punctuation; null for a
    /// refusal, a negative, a question, a full first-person sentence (the normal rules read that) or more than eight
    /// words.</summary>
    private static string? Clean(string answer)
    {
        var a = answer.Trim();
        var end = a.IndexOfAny(['.', '!', '\n', ';']);
        if (end > 0 && !(a[end] == '.' && end + 1 < a.Length && char.IsDigit(a[end + 1])))
        {
            a = a[..end];
        }

        a = LeadingAffirmative().Replace(a, string.Empty).Trim().TrimEnd(',', ' ');
        a = ItIs().Replace(a, string.Empty); // "it's Sam", "it's Porto": the value follows
        if (a.Length == 0 || a.Contains('?', StringComparison.Ordinal) || Negative().IsMatch(a) || Pleasantry().IsMatch(a) || OwnSentence().IsMatch(a) ||
            a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxAnswerWords)
        {
            return null;
        }

        return a;
    }

    /// <summary>The answer to a question checking <paramref name="old"/>: "no" / "not anymore" retracts it, "no, Porto"
    /// states the new value, anything else (yes, a sentence of its own, a refusal) adds nothing here.</summary>
    private static string? Confirm(Confirmation c, string old, string answer)
    {
        var denial = Denial().Match(answer.Trim());
        if (!denial.Success)
        {
            return null;
        }

        var rest = denial.Groups["rest"].Value.Trim();
        if (rest.Length == 0 || NowOnly().IsMatch(rest))
        {
            return c.Denied(old);
        }

        return Clean(rest) is { } value ? c.Replaced(TrailingNow().Replace(value, string.Empty).Trim()) : null;
    }

    private static string? Job(string a)
    {
        if (a.Contains(' ', StringComparison.Ordinal) is false && a.EndsWith("ing", StringComparison.OrdinalIgnoreCase))
        {
            return $"My job is {a}"; // "teaching"
        }

        if (StartsWithArticle().IsMatch(a))
        {
            return $"I am {a}";
        }

        return $"I work as {WithArticle(a)}";
    }

    /// <summary>"nurse" as "a nurse", "engineer" as "an engineer"; "a nurse" as it is.</summary>
    private static string WithArticle(string noun) =>
        StartsWithArticle().IsMatch(noun) ? noun : $"{("aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a")} {noun}";

    private static string Diet(string a) =>
        DietWord().IsMatch(a) ? $"I am {a}" : $"I avoid {StripLead(a, "no")}";

    private static string StripLead(string a, params string[] words)
    {
        foreach (var w in words)
        {
            if (a.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase))
            {
                return a[(w.Length + 1)..];
            }
        }

        return a;
    }

    private static Regex Q(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Text.RegexBudget.Timeout);

    [GeneratedRegex(@"^(?:(?:yes|yeah|yep|yup|sure|of\s+course|well|um+|uh+|hmm+|oh|so|ok|okay|i\s+do|i\s+have|definitely|absolutely)\b[,!:\s]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingAffirmative();

    [GeneratedRegex(@"^(?:no|nope|nah|none|nothing|not\s+really|not\s+that\s+I\s+know(?:\s+of)?|n/?a|never|I\s+(?:don't|do\s+not|won't|can't|cannot|'d\s+rather|would\s+rather|prefer\s+not)|rather\s+not|prefer\s+not|skip|pass|why|who\s+cares|it\s+doesn't\s+matter|doesn't\s+matter|whatever|idk|dunno|not\s+sure|no\s+idea|it's\s+complicated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"^(?:thanks|thank\s+you|thx|ty|cool|great|nice|lol|haha|hi|hello|hey|good|fine|awesome|perfect|wow|right|true|exactly|agreed|same|me\s+too|got\s+it|sounds\s+good)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pleasantry();

    // A reply that is a sentence of its own ("I live in Porto", "my name is Sam", "we have two cats") is read by the
    // normal rules, not framed.
    [GeneratedRegex(@"^(?:I|I'm|I've|I'd|I'll|im|my|we|we're|we've|our|you|it|it's|that|this|he|she|they)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnSentence();

    [GeneratedRegex(@"^(?:no|nope|nah|not\s+any\s?more|no\s+longer|not\s+now)\b[\s,.!:;-]*(?:(?:not\s+any\s?more|no\s+longer)\b[\s,.!:;-]*)?(?:(?:I\s+)?(?:moved\s+to|live\s+in|am\s+in|'m\s+in|work\s+(?:at|for)))?\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Denial();

    [GeneratedRegex(@"^(?:anymore|any\s+more|now|not\s+now|not\s+any\s?more|no\s+longer|sadly|unfortunately)$", RegexOptions.IgnoreCase)]
    private static partial Regex NowOnly();

    [GeneratedRegex(@"\s+(?:now|these\s+days|actually)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingNow();

    [GeneratedRegex(@"\bwhat(?:'s|\s+is)\s+your\s+(?:first\s+|full\s+)?name\b|\bwhat\s+should\s+I\s+call\s+you\b|\bhow\s+should\s+I\s+(?:call|address)\s+you\b|\bwhat\s+(?:do|would)\s+you\s+(?:like|want|prefer)\s+to\s+be\s+called\b|\bwho\s+am\s+I\s+(?:talking|speaking)\s+(?:to|with)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NameQuestion();

    // After "I'm" only a capitalised word is a name ("I'm tired" is not); after "call me" or "it's" any case is.
    [GeneratedRegex(@"^(?:(?:hi|hey|hello)[,!]?\s+)?(?:(?:I'm|I\s+am|im)\s+(?<n>(?-i:\p{Lu})[\p{L}'-]{0,29}(?:\s+(?-i:\p{Lu})[\p{L}'-]{0,29})?)|(?:call\s+me|it's|it\s+is|this\s+is)\s+(?<n>\p{L}[\p{L}'-]{0,29}(?:\s+\p{L}[\p{L}'-]{0,29})?))[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex IntroducedName();

    [GeneratedRegex(@"^(?:it's|it\s+is|that's|that\s+would\s+be|that\s+is)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ItIs();

    [GeneratedRegex(@"^(?:near|by|close\s+to|outside(?:\s+of)?|just\s+outside(?:\s+of)?)\s", RegexOptions.IgnoreCase)]
    private static partial Regex NearPlace();

    [GeneratedRegex(@"^\d{1,3}(?:\s+(?:years?\s+old|yrs?(?:\s+old)?|years?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex AgeAnswer();

    [GeneratedRegex(@"^(?:a|an|the)\s", RegexOptions.IgnoreCase)]
    private static partial Regex StartsWithArticle();

    // The diets the preference rules know, plus the intolerances a diet question is answered with.
    [GeneratedRegex(@"^(?:(?:strict|strictly|mostly|fully)\s+)?(?:" + HeuristicRules.Diets + "|" + HeuristicRules.DietStyles + @"|lactose[- ]free|celiac|coeliac)$", RegexOptions.IgnoreCase)]
    private static partial Regex DietWord();
}
