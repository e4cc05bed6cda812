using System.Text.RegularExpressions;

namespace Memory.Dedup;

/// <summary>One wording for two ways of saying who a fact is about (eighteenth session), so a restatement is seen as
/// the fact it restates: an apposition ("Anna, my sister, is a nurse" and "My sister, Anna, is a nurse" are "my sister
/// Anna is a nurse") and a symmetric relation said from the other side ("My sister lives with me" and "My sister and I
/// live together" are "I live with my sister"). <see cref="DedupRule"/> compares the rewritten texts only to find a
/// duplicate; every detail, name and kind still counts ("My sister Maria" is not "Anna, my sister").</summary>
internal static partial class Restatement
{
    /// <summary>The text in the one wording, or the text itself when it has no apposition or symmetric relation to
    /// rewrite.</summary>
    public static string Of(string text)
    {
        try
        {
            var rewritten = NameFirst().Replace(text, m => Who(m) ? $"{m.Groups["who"].Value} {m.Groups["name"].Value} {m.Groups["rest"].Value}" : m.Value);
            rewritten = WhoFirst().Replace(rewritten, m => Who(m) ? $"{m.Groups["who"].Value} {m.Groups["name"].Value} {m.Groups["rest"].Value}" : m.Value);
            rewritten = WithMe().Replace(rewritten, m =>
            {
                // "The user's wife lives with them" (how extraction states it) is "The user lives with their wife".
                var me = m.Groups["me"].Value.Equals("me", StringComparison.OrdinalIgnoreCase);
                var who = m.Groups["who"].Value;
                if (!me && ThirdPerson().Match(who) is { Success: true } owner)
                {
                    who = "their" + who[owner.Length..];
                }
                else if (m.Groups["me"].Value.Equals("them", StringComparison.OrdinalIgnoreCase))
                {
                    return m.Value; // "My sister lives with them": with someone else
                }

                return $"{(me ? "I" : "the user")} {Verb(m.Groups["verb"].Value, me)} with {who}{m.Groups["rest"].Value}";
            });
            rewritten = Together().Replace(rewritten, m => $"I {m.Groups["verb"].Value.ToLowerInvariant()} with {m.Groups["who"].Value}{m.Groups["rest"].Value}");
            return rewritten;
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    /// <summary>Two texts about one named person or pet, one saying who they are and the other only their name ("My dog
    /// Rex weighs 20 kg" / "Rex weighs 23 kg now"), in one wording: the name alone gets who they are ("my dog Rex weighs
    /// 23 kg now"). The same instances when neither is so (nineteenth session).</summary>
    public static (string Existing, string Incoming) Aligned(string existing, string incoming)
    {
        try
        {
            return WhoNamed(existing) is { } a && Bare(incoming, a.Name) ? (existing, a.Who + " " + incoming)
                : WhoNamed(incoming) is { } b && Bare(existing, b.Name) ? (b.Who + " " + existing, incoming)
                : (existing, incoming);
        }
        catch (RegexMatchTimeoutException)
        {
            return (existing, incoming);
        }

        static (string Who, string Name)? WhoNamed(string text) =>
            NamedWho().Match(text) is { Success: true } m && IsWho(m.Groups["who"].Value) ? (m.Groups["who"].Value, m.Groups["name"].Value) : null;

        static bool Bare(string text, string name) =>
            BareName().Match(text) is { Success: true } m && string.Equals(m.Groups["name"].Value, name, StringComparison.Ordinal);
    }

    /// <summary>Whether the apposition names a person or a pet ("my sister", "my best friend", "our dog"), not a thing
    /// ("Paris, my favourite city,").</summary>
    private static bool Who(Match m) => IsWho(m.Groups["who"].Value);

    private static bool IsWho(string who)
    {
        var words = who.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words[^1].ToLowerInvariant();
        return (DedupLexicon.Kinds.TryGetValue(DedupLexicon.Spelling(last), out var kind) && People.Contains(kind)) || PersonNouns.Contains(last);
    }

    /// <summary>The verb said of the user: "lives" of "me" is "live", of "the user" "lives"; "is friends" of "me" is "am
    /// friends".</summary>
    private static string Verb(string verb, bool me)
    {
        var lower = verb.ToLowerInvariant();
        if (!me)
        {
            return lower;
        }

        return lower.StartsWith("is ", StringComparison.Ordinal) ? "am " + lower[3..]
            : lower.StartsWith("shares ", StringComparison.Ordinal) ? "share " + lower[7..]
            : lower.EndsWith('s') ? lower[..^1]
            : lower;
    }

    /// <summary>The kinds (<see cref="DedupLexicon.Kinds"/>) that are people or pets.</summary>
    private static readonly HashSet<string> People = new(StringComparer.Ordinal)
    {
        "mother", "father", "parent", "sister", "brother", "sibling", "son", "daughter", "child", "wife", "husband", "aunt",
        "uncle", "cousin", "niece", "nephew", "grandmother", "grandfather", "grandson", "granddaughter", "grandchild",
        "grandparent", "boyfriend", "girlfriend", "fiance", "stepmother", "stepfather", "stepson", "stepdaughter", "friend",
        "neighbor", "colleague", "roommate", "cat", "dog", "rabbit", "hamster", "parrot", "horse", "pony", "tortoise",
        "turtle", "snake", "guinea",
    };

    /// <summary>Other words for a person in the user's life.</summary>
    private static readonly HashSet<string> PersonNouns = new(StringComparer.Ordinal)
    {
        "partner", "spouse", "boss", "manager", "teacher", "doctor", "dentist", "therapist", "landlord", "landlady",
        "tutor", "coach", "mentor", "pet", "puppy", "kitten", "baby", "twin", "stepsister", "stepbrother", "godson",
        "goddaughter", "godmother", "godfather", "mate", "bestie", "flatmate", "housemate", "neighbour",
    };

    // "Anna, my sister, is a nurse": a name, then who they are between commas, then the statement.
    [GeneratedRegex(@"^\s*(?<name>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\s*,\s*(?<who>(?:my|our|the\s+user'?s|user'?s)(?:\s+[\p{L}-]+){1,3})\s*,\s*(?<rest>\S.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NameFirst();

    // "My sister, Anna, is a nurse".
    [GeneratedRegex(@"^\s*(?<who>(?:[Mm]y|[Oo]ur|[Tt]he\s+user'?s|[Uu]ser'?s)(?:\s+[\p{L}-]+){1,3})\s*,\s*(?<name>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\s*,\s*(?<rest>\S.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex WhoFirst();

    // "My dog Rex weighs 20 kg": who they are, then their name, then the statement.
    [GeneratedRegex(@"^\s*(?<who>(?:[Mm]y|[Oo]ur|[Tt]he\s+user'?s|[Uu]ser'?s)(?:\s+\p{Ll}[\p{Ll}-]*){1,3})\s+(?<name>\p{Lu}[\p{Ll}'’-]+)\s+\p{Ll}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NamedWho();

    // "Rex weighs 23 kg now": a name alone, then the statement.
    [GeneratedRegex(@"^\s*(?<name>\p{Lu}[\p{Ll}'’-]+)\s+\p{Ll}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex BareName();

    // "My sister lives with me", "The user's dad works with the user": said from the user's side.
    [GeneratedRegex(@"^\s*(?<who>(?:my|our|the\s+user'?s|user'?s)(?:\s+[\p{L}-]+){1,4}?)\s+(?<verb>lives|works|shares\s+(?:a|an|the)\s+[\p{L}]+|is\s+friends)\s+with\s+(?<me>me|the\s+user|them)\b(?!'s)(?<rest>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex WithMe();

    [GeneratedRegex(@"^(?:the\s+user'?s|user'?s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex ThirdPerson();

    // "My sister and I live together".
    [GeneratedRegex(@"^\s*(?<who>(?:my|our)(?:\s+[\p{L}-]+){1,4}?)\s+and\s+I\s+(?<verb>live|work)\s+together\b(?<rest>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex Together();
}
