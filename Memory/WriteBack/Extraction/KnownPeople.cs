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

    /// <summary>How many names resolve (ambiguous ones excluded).</summary>
    public int Count => _relations.Count(r => r.Value is not null);

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

        return copy;
    }

    /// <summary>The relation ("child", "husband", "cat") of the person or pet called <paramref name="name"/>, or null
    /// when unknown or ambiguous.</summary>
    public string? RelationOf(string name) => _relations.TryGetValue(name, out var relation) ? relation : null;

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

            foreach (Match pet in PetNamed().Matches(text))
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

        var singular = Singular(relation.Trim().ToLowerInvariant());
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
        _ when DogBreeds.Split('|').Contains(relation) => "dog",
        _ when CatBreeds.Split('|').Contains(relation) => "cat",
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

    // A dog or cat is often named by its breed ("a golden retriever called Max": the user's dog).
    private const string DogBreeds =
        "retriever|labrador|poodle|terrier|spaniel|collie|beagle|bulldog|husky|dachshund|shepherd|pug|chihuahua|corgi|" +
        "greyhound|whippet|rottweiler|doberman|dobermann|schnauzer|labradoodle|cockapoo|cavapoo|sheepdog|mastiff";

    private const string CatBreeds = "siamese|persian|ragdoll|maine coon|sphynx|bengal";

    private const string Name = @"(?-i:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)";

    // "The user's daughter Meera ...", "The user's best friend Tom ...", "The user's son is named Arjun",
    // "The user's cat's name is Biscuit".
    [GeneratedRegex(@"^The user's\s+(?:(?:older|younger|little|big|eldest|oldest|youngest|twin|new|old|baby|step)\s+)?(?<rel>" + Relations + @")(?:\s+(?<name>" + Name + @")\b|\s+is\s+(?:named|called)\s+(?<name>" + Name + @")\b|'s\s+name\s+is\s+(?<name>" + Name + @")\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex OwnRelative();

    // "The user has two kids named Arjun and Meera", "The user has a younger brother called Tom".
    [GeneratedRegex(@"^The user has\s+(?:a|an|one|two|three|four|five|six|\d{1,2})\s+(?:[\w-]+\s+){0,2}?(?<rel>kids|children|sons|daughters|brothers|sisters|siblings|twins|grandchildren|grandkids|dogs|cats|kittens|puppies|" + Relations + @")\s+(?:named|called)\s+(?<names>" + Name + @"(?:(?:,\s+|,?\s+and\s+)" + Name + @"){0,7})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HasNamed();

    // "The user just adopted a puppy named Luna", "The user has a golden retriever called Max" (a breed: a dog).
    [GeneratedRegex(@"\b(?:a|an|their|the user's)\s+(?:[\w-]+\s+){0,2}?(?<rel>dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|turtle|tortoise|snake|lizard|horse|pony|bird|ferret|budgie|gecko|" + DogBreeds + "|" + CatBreeds + @")\s+(?:named|called)\s+(?<name>" + Name + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PetNamed();

    [GeneratedRegex(@",\s+|,?\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NameList();
}
