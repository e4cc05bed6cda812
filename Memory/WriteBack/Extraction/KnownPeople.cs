using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Who the user's people and pets are, by first name ("Meera" is the user's child, "Biscuit" the user's cat),
/// read from memories in the house style ("The user's daughter Meera is 6", "The user has two kids named Arjun and
/// Meera", "The user has a cat named Biscuit"). Built-in extraction uses it to read "Meera is allergic to peanuts" as a
/// fact about the user's child, said earlier in the same message or in another conversation. A name that stands for two
/// different relations (two friends called Sam, a son and a dog called Max) resolves to none: a guess would put one
/// person's fact on another.</summary>
internal sealed partial class KnownPeople
{
    private const int MaxNames = 256;

    private readonly Dictionary<string, string?> _relations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);

    /// <summary>Whether no name is known at all (nothing to resolve).</summary>
    public bool IsEmpty => _relations.Count == 0;

    public static KnownPeople From(IEnumerable<string> memoryTexts)
    {
        var people = new KnownPeople();
        foreach (var text in memoryTexts)
        {
            people.Learn(text);
        }

        return people;
    }

    public KnownPeople Copy()
    {
        var copy = new KnownPeople();
        foreach (var (name, relation) in _relations)
        {
            copy._relations[name] = relation;
        }

        copy._blocked.UnionWith(_blocked);
        return copy;
    }

    /// <summary>The relation ("child", "husband", "cat") of the person or pet called <paramref name="name"/>, or null
    /// when unknown or ambiguous.</summary>
    public string? RelationOf(string name) =>
        !_blocked.Contains(name) && _relations.TryGetValue(name, out var relation) ? relation : null;

    /// <summary>A copy for reading one message: a name the message also gives to someone else ("My colleague Max got
    /// promoted", "a woman called Anna", "Sarah from accounting", "My boss, Max,") resolves to nobody in it, so that
    /// person's facts are not put on the user's son Max.</summary>
    public KnownPeople For(string message)
    {
        var copy = Copy();
        try
        {
            foreach (Match m in OtherMention().Matches(message))
            {
                var name = m.Groups["name"].Value;
                var noun = m.Groups["from"].Success ? "from" : Singular(m.Groups["noun"].Value.ToLowerInvariant());
                // A name not known yet is learned (or found ambiguous) as the message is read.
                if (copy._relations.TryGetValue(name, out var relation) && relation is not null &&
                    !string.Equals(relation, noun, StringComparison.Ordinal) && !Compatible(relation, noun))
                {
                    copy._blocked.Add(name);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return new KnownPeople();
        }

        return copy;
    }

    /// <summary>Learns the names a memory text introduces; a text in another style teaches nothing.</summary>
    public void Learn(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.StartsWith("The user", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (OwnRelative().Match(text) is { Success: true } own)
            {
                Add(own.Groups["name"].Value, own.Groups["rel"].Value);
            }

            if (HasNamed().Match(text) is { Success: true } has)
            {
                foreach (var name in NameList().Split(has.Groups["names"].Value))
                {
                    Add(name, has.Groups["rel"].Value);
                }
            }

            if (TheirRelative().Match(text) is { Success: true } their)
            {
                Add(their.Groups["name"].Value, their.Groups["rel"].Value);
            }

            if (PetNamed().Match(text) is { Success: true } pet)
            {
                Add(pet.Groups["name"].Value, pet.Groups["rel"].Value);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text teaches nothing.
        }
    }

    private void Add(string name, string relation)
    {
        name = name.Trim();
        if (name.Length < 2 || !char.IsUpper(name[0]) || NotNames.Contains(name))
        {
            return;
        }

        var singular = Singular(MultiSpace().Replace(relation.Trim().ToLowerInvariant(), " ").Replace("step ", "step", StringComparison.Ordinal));
        if (_relations.TryGetValue(name, out var known))
        {
            if (known is not null && !string.Equals(known, singular, StringComparison.Ordinal) && !Compatible(known, singular))
            {
                _relations[name] = null;
            }
            else if (known is not null && string.Equals(known, "child", StringComparison.Ordinal))
            {
                _relations[name] = singular; // "son" says more than "child"
            }

            return;
        }

        if (_relations.Count < MaxNames)
        {
            _relations[name] = singular;
        }
    }

    /// <summary>"child" and "son" are the same person said more or less precisely.</summary>
    private static bool Compatible(string a, string b) =>
        (a == "child" && b is "son" or "daughter") || (b == "child" && a is "son" or "daughter") ||
        (a == "pet" || b == "pet");

    private static string Singular(string relation) => relation switch
    {
        "kid" or "kids" or "children" or "child" or "baby" or "babies" or "toddler" or "toddlers" => "child",
        "mom" or "mum" => "mother",
        "dad" => "father",
        "puppies" => "puppy",
        "kittens" => "kitten",
        "ponies" => "pony",
        "bunnies" => "bunny",
        "grandchildren" or "grandkids" or "grandkid" => "grandchild",
        _ when CatBreed().IsMatch(relation) => "cat",
        _ when Breed().IsMatch(relation) => "dog",
        _ when relation.EndsWith('s') && !relation.EndsWith("ss", StringComparison.Ordinal) => relation[..^1],
        _ => relation,
    };

    // Words that open a sentence or name no one ("The user's son Then ..." never happens, but a model's text might).
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "He", "She", "They", "It", "His", "Her", "Their", "Who", "And", "Or", "But", "Is", "Was", "Has",
    };

    private const string Relations =
        @"wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?|spouse|son|daughter|kid|child|baby|toddler|mother|mom|mum|" +
        @"father|dad|brother|sister|sibling|grandmother|grandma|granny|grandfather|grandpa|grandson|granddaughter|grandchild|" +
        @"twin|aunt|uncle|cousin|stepson|stepdaughter|stepmother|stepfather|nephew|niece|friend|best\s+friend|boss|manager|" +
        @"colleague|coworker|co-worker|roommate|flatmate|housemate|neighbou?r|mentor|teacher|coach|therapist|doctor|" +
        @"dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|guinea\s+pig|turtle|tortoise|snake|lizard|horse|pony|bird|ferret|budgie|gecko";

    private const string Name = @"(?-i:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)";

    // "The user's daughter Meera ...", "The user's best friend Tom ...", "The user's son is named Arjun",
    // "The user's cat's name is Biscuit".
    [GeneratedRegex(@"^The user's\s+(?:(?:older|younger|little|big|eldest|oldest|youngest|twin|new|old|baby)\s+)?(?<rel>(?:step\s*)?" + Relations + @")(?:\s+(?<name>" + Name + @")\b|\s+is\s+(?:named|called)\s+(?<name>" + Name + @")\b|'s\s+name\s+is\s+(?<name>" + Name + @")\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex OwnRelative();

    // "The user adopted their daughter Ava", "The user lives with their husband Ken": the user's own relative, named
    // after "their" in a fact about the user ("The user's sister lives with their husband Tom" is the sister's).
    [GeneratedRegex(@"^The user\s+(?:[\p{Ll}-]+\s+){1,3}?their\s+(?:(?:older|younger|little|big|eldest|oldest|youngest|twin|new|baby|adopted)\s+)?(?<rel>(?:step\s*)?" + Relations + @")\s+(?<name>" + Name + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex TheirRelative();

    // "The user has two kids named Arjun and Meera", "The user has a younger brother called Tom".
    [GeneratedRegex(@"^The user has\s+(?:a|an|one|two|three|four|five|six|\d{1,2})\s+(?:[\w-]+\s+){0,2}?(?<rel>kids|children|sons|daughters|brothers|sisters|siblings|twins|grandchildren|grandkids|dogs|cats|kittens|puppies|" + Relations + @")\s+(?:named|called)\s+(?<names>" + Name + @"(?:(?:,\s+|,?\s+and\s+)" + Name + @"){0,7})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex HasNamed();

    // "The user just adopted a puppy named Luna", "The user has a golden retriever called Max" (a breed: a dog); not a
    // pet the user's sister has, or one the user wants.
    [GeneratedRegex(@"^The user\s+(?:(?:also|now|still|just|recently|finally)\s+)?(?:has|owns|adopted|got|rescued|has\s+got)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?<rel>dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|turtle|tortoise|snake|lizard|horse|pony|bird|ferret|budgie|gecko|" + HeuristicRules.DogAndCatBreeds + @")\s+(?:named|called)\s+(?<name>" + Name + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex PetNamed();

    // Someone named in the message with a noun ("my colleague Max", "a woman called Anna", "My boss, Max,", "Anna, my
    // sister,") or a place of work ("Sarah from accounting").
    [GeneratedRegex(@"\b(?:my|a|an|the|our|his|her|their|some|this)\s+(?:[\p{L}-]+\s+){0,2}?(?<noun>[\p{L}-]+)\s*,?\s+(?:(?:called|named)\s+)?(?<name>" + Name + @")\b|(?<name>" + Name + @")\s*,\s*(?:my|a|an|the|our)\s+(?:[\p{L}-]+\s+){0,2}?(?<noun>[\p{L}-]+)|(?<name>" + Name + @")\s+(?<from>from)\s+\p{Ll}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex OtherMention();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex MultiSpace();

    // A dog or cat is often named by its breed ("a golden retriever called Max": the user's dog), as the pet rules read it.
    [GeneratedRegex(@"^(?:" + HeuristicRules.DogAndCatBreeds + @")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex Breed();

    [GeneratedRegex(@"^(?:siamese|persians?|ragdolls?|maine\s+coons?|sphynx|bengals?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex CatBreed();

    [GeneratedRegex(@",\s+|,?\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NameList();
}
