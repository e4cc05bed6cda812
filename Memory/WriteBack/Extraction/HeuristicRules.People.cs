namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicRules
{
    internal const string Relatives =
        "wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?|spouse|son|daughter|kid|child|baby|mother|mom|mum|father|dad|" +
        "brother|sister|grandmother|grandma|granny|grandfather|grandpa|twin|aunt|uncle|cousin|stepson|stepdaughter|" +
        "stepmother|stepfather|nephew|niece|parents|sons|daughters|kids|children|siblings|brothers|sisters";

    private const string RelativeNouns =
        "kids?|children|child|sons?|daughters?|brothers?|sisters?|siblings?|grandchildren|grandkids?|grandsons?|" +
        "granddaughters?|boys?|girls?|twins|stepsons?|stepdaughters?|stepkids|nephews?|nieces?|babies|baby|toddlers?|teenagers?";

    private const string PetNouns =
        "dogs?|cats?|puppy|puppies|kittens?|parrots?|rabbits?|bunn(?:y|ies)|hamsters?|guinea\\s+pigs?|fish|goldfish|" +
        "turtles?|tortoises?|snakes?|lizards?|horses?|birds?|ferrets?|chickens?|budgies?|geckos?|rats?|mice|mouse|pony|ponies|" +
        // A dog or cat is often named by its breed ("a golden retriever called Biscuit").
        DogAndCatBreeds;

    internal const string DogAndCatBreeds =
        "retrievers?|labradors?|poodles?|terriers?|spaniels?|collies?|beagles?|bulldogs?|huskies|husky|dachshunds?|" +
        "shepherds?|pugs?|chihuahuas?|corgis?|greyhounds?|whippets?|rottweilers?|dobermanns?|dobermans?|schnauzers?|" +
        "labradoodles?|cockapoos?|cavapoos?|sheepdogs?|mastiffs?|siamese|persians?|" +
        "ragdolls?|maine\\s+coons?|sphynx|bengals?";

    private const string Count = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|\\d{1,2}";

    private static IEnumerable<Rule> PeopleRules() =>
    [
        One(@"^I\s+(?:also\s+|now\s+|still\s+|currently\s+)?(?:have|'ve\s+got|have\s+got|own)\s+(?<n>" + Count + @")\s+(?<kind>(?:[\w-]+\s+){0,2}?(?:" + PetNouns + @"))(?:,?\s+(?:named|called)\s+(?<name>.+)|[,:]\s+(?<name>[A-Z][a-z]+(?:(?:,\s+|,?\s+and\s+)[A-Z][a-z]+)*))?$",
            m => Pet(m.Groups["n"].Value, m.Groups["kind"].Value, m.Groups["name"].Success ? m.Groups["name"].Value : null), exclusive: true),
        One(@"^my\s+(?<kind>(?:[\w-]+\s+)?(?:dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|guinea\s+pig|fish|turtle|tortoise|snake|lizard|horse|bird|ferret|budgie|gecko|pony|" + DogAndCatBreeds + @"))(?:'s\s+name\s+is|\s+name\s+is|\s+is\s+(?:called|named))\s+(?<name>.+)$",
            m => Pet("a", m.Groups["kind"].Value, m.Groups["name"].Value), exclusive: true),
        One(@"^I\s+(?:also\s+|now\s+|still\s+)?(?:have|'ve\s+got|have\s+got)\s+(?<n>" + Count + @")\s+(?<rel>(?:[\w-]+\s+)?(?:" + RelativeNouns + @"))(?:,?\s+(?:named|called)\s+(?<name>.+)|[,:]\s+(?<name>[A-Z][a-z]+(?:(?:,\s+|,?\s+and\s+)[A-Z][a-z]+)*))?$",
            m =>
            {
                var rel = m.Groups["rel"].Value.ToLowerInvariant();
                var count = m.Groups["n"].Value.ToLowerInvariant();
                var name = m.Groups["name"].Success ? Value(m.Groups["name"].Value, 8) : null;
                var text = $"The user has {count} {rel}" + (name is null ? string.Empty : $" named {TextNormalizer.TitleCase(name)}");
                return Draft(FactSlots.Family, name is null ? rel : $"{rel} {name}", text);
            }, exclusive: true),
        One(@"^I\s+(?:have|'ve\s+got|have\s+got)\s+(?:a|an|one)\s+(?<rel>son|daughter|boy|girl|stepson|stepdaughter|brother|sister|child|kid)\s+(?:who\s+is|who's|aged?)\s+(?<age>\d{1,2})(?:\s+years?\s+old)?$",
            m =>
            {
                var rel = m.Groups["rel"].Value.ToLowerInvariant();
                var age = m.Groups["age"].Value;
                return Draft(FactSlots.Family, $"{rel} {age}", $"The user has {Article(rel)} {rel} who is {age}");
            }, exclusive: true),
        One(@"^(?:I\s+am|we\s+are|we're)\s+(?:now\s+)?expecting\s+(?<v>(?:a|our|my)\s+(?:(?:first|second|third|fourth|new|baby|little)\s+)*(?:baby|child|son|daughter|boy|girl)|twins|triplets)$",
            m => Draft(FactSlots.Family, "expecting", $"The user is expecting {TextNormalizer.ToThirdPerson(m.Groups["v"].Value.ToLowerInvariant())}"), exclusive: true),
        One(@"^my\s+(?<rel>" + Relatives + @"|best\s+friend|friend|boss|manager|colleague|coworker|roommate|flatmate|neighbou?r)(?:'s\s+name\s+is|\s+name\s+is|\s+is\s+(?:called|named))\s+(?<name>.+)$",
            m => PersonName(m.Groups["name"].Value) is { } n
                ? Draft(FactSlots.Family, $"{m.Groups["rel"].Value} {n}", $"The user's {m.Groups["rel"].Value.ToLowerInvariant()} is named {n}")
                : null, exclusive: true),
        One(@"^my\s+(?<rel>" + Relatives + @")\s+(?<verb>lives\s+in|live\s+in|works\s+at|works\s+for|work\s+at|works\s+as|is\s+allergic\s+to|are\s+allergic\s+to|is\s+(?:a|an)|is\s+from|are\s+from|is|are)\s+(?<v>.+)$",
            m =>
            {
                var rel = m.Groups["rel"].Value.ToLowerInvariant();
                var verb = m.Groups["verb"].Value.ToLowerInvariant();
                var value = verb.Contains("in", StringComparison.Ordinal) || verb.Contains("from", StringComparison.Ordinal)
                    ? Place(m.Groups["v"].Value)
                    : Value(m.Groups["v"].Value, 5);
                if (value is null || (verb is "is" or "are" && !AgeOrState().IsMatch(value)))
                {
                    return null;
                }

                return Draft(FactSlots.Family, $"{rel} {verb} {value}", $"The user's {rel} {verb} {value}");
            }, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:now\s+|happily\s+|recently\s+)?married\s+to\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 6) is { } v && !Pronoun.IsMatch(v) && !ThingPartner.IsMatch(v)
                ? Draft(FactSlots.Marital, "married", $"The user is married to {v}")
                : null, exclusive: true),
        // "My dad passed away last year", "My grandmother Rosa died in March": a loss in the user's family (it was read
        // as a pet's death, found no pet, and stored nothing).
        One(@"^my\s+(?:(?:late|beloved|dear|old)\s+)?(?<rel>" + Relatives + @")(?:\s+(?<name>(?-i:\p{Lu})\p{Ll}+))?\s+(?:(?:sadly|just|recently|suddenly|unexpectedly)\s+)?(?:died|passed\s+away|passed(?=$|\s+(?:last|this|in|on|a|two|three|\d+)\b))(?<rest>(?:\s+[\w,]+){0,5})$",
            m =>
            {
                if (m.Groups["rel"].Value.EndsWith('s') && !m.Groups["rel"].Value.Equals("parents", StringComparison.OrdinalIgnoreCase))
                {
                    return null; // "my sons died"? a plural is read nowhere else either
                }

                var rel = m.Groups["rel"].Value.ToLowerInvariant() switch { "dad" => "father", "mom" or "mum" => "mother", var r => r };
                var who = m.Groups["name"].Success ? $"{rel} {m.Groups["name"].Value}" : rel;
                var verb = rel == "parents" ? "have passed away" : "passed away";
                return Draft(FactSlots.Family, $"{who} died", $"The user's {who} {verb}");
            }, exclusive: true),
        // "My daughter just turned 7", "My son Arjun turned 10 last week": the same fact as "My daughter is 7".
        One(@"^my\s+(?<rel>" + Relatives + @")(?:\s+(?<name>(?-i:\p{Lu})\p{Ll}+))?\s+(?:(?:just|recently|finally)\s+)?turned\s+(?<age>\d{1,3})(?:\s+years?\s+old)?(?<rest>(?:\s+[\w]+){0,3})$",
            m =>
            {
                var rel = m.Groups["rel"].Value.ToLowerInvariant();
                var who = m.Groups["name"].Success ? $"{rel} {m.Groups["name"].Value}" : rel;
                var age = m.Groups["age"].Value;
                return WithoutTrailingFiller(m.Groups["rest"].Value).Length == 0 ? Draft(FactSlots.Family, $"{who} is {age}", $"The user's {who} is {age}") : null;
            }, exclusive: true),
        // "Tom and I divorced last year", "we got divorced", "I divorced my husband": the user is divorced now.
        One(@"^(?:(?:my\s+(?:ex-?)?(?:wife|husband|partner)\s+)?(?-i:\p{Lu})\p{Ll}+\s+and\s+I|I)\s+(?:(?:just|recently|finally|officially)\s+)?(?:got\s+)?(?<v>divorced|separated)(?:\s+(?:from\s+)?(?:my\s+(?:ex-?)?(?:wife|husband|partner)|(?-i:\p{Lu})\p{Ll}+))?(?<rest>(?:\s+[\w]+){0,4})$",
            m => WithoutTrailingFiller(PlaceTime.Replace(m.Groups["rest"].Value, string.Empty)).Length == 0
                ? Draft(FactSlots.Marital, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()}")
                : null, exclusive: true),
        // "I'm dating Anna", "I'm in a relationship with Sam": who the user is seeing (a name only).
        One(@"^I(?:'m|\s+am)\s+(?:now\s+|currently\s+)?(?:dating|going\s+out\s+with|in\s+a\s+relationship\s+with)\s+(?<p>.+)$",
            m => PartnerName(m.Groups["p"].Value) is { } p && p.Split(' ').All(w => char.IsUpper(w[0]))
                ? Draft(FactSlots.Marital, "dating", $"The user is dating {p}")
                : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:now\s+|happily\s+|recently\s+)?(?<v>married|single|divorced|engaged|widowed|separated|in\s+a\s+relationship)$",
            m => Draft(FactSlots.Marital, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()}"), exclusive: true),
        One(@"^I\s+(?:just\s+|recently\s+|finally\s+)?got\s+(?<v>married|engaged)\s+to\s+(?<p>.+)$",
            m => PartnerName(m.Groups["p"].Value) is { } p
                ? Draft(FactSlots.Marital, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()} to {p}")
                : null, exclusive: true),
        One(@"^I\s+(?:just\s+|recently\s+|finally\s+)?got\s+(?<v>married|divorced|engaged)$",
            m => Draft(FactSlots.Marital, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()}"), exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:now\s+|happily\s+|recently\s+)?engaged\s+to\s+(?<p>.+)$",
            m => PartnerName(m.Groups["p"].Value) is { } p ? Draft(FactSlots.Marital, "engaged", $"The user is engaged to {p}")
                : PartnerNoun.IsMatch(m.Groups["p"].Value) ? Draft(FactSlots.Marital, "engaged", "The user is engaged")
                : null, exclusive: true),
        // "Erik and I got married in June", "my girlfriend Ana and I got engaged", "we got married last year": the
        // partner when named, and when.
        One(@"^(?:(?:my\s+(?:wife|husband|partner|fianc[ée]e?|boyfriend|girlfriend)\s+)?(?<name>(?-i:\p{Lu})[\p{L}-]+)\s+and\s+I|my\s+(?:wife|husband|partner|fianc[ée]e?|boyfriend|girlfriend)\s+and\s+I|we|I)\s+(?:just\s+|recently\s+|finally\s+)?got\s+(?<v>married|engaged)(?:\s+to\s+(?<p>(?-i:\p{Lu})[\p{L}-]+(?:\s+(?-i:\p{Lu})[\p{L}-]+)?))?(?<when>\s+(?:in|on|last|this|back\s+in)\s+[\p{L}\d ,]{3,30})?$",
            m =>
            {
                var v = m.Groups["v"].Value.ToLowerInvariant();
                var partner = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["p"].Success ? m.Groups["p"].Value : null;
                var when = m.Groups["when"].Value.TrimEnd(' ', ',');
                return Draft(FactSlots.Marital, v, $"The user got {v}{(partner is null ? string.Empty : " to " + partner)}{when}");
            }, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:a\s+)?(?:proud\s+)?(?<q>single\s+|new\s+|first-time\s+)?(?<v>mom|mother|mum|dad|father|parent|grandmother|grandfather|grandma|grandpa)(?:\s+of\s+(?<n>.+))?$",
            m =>
            {
                var of = m.Groups["n"].Success ? Value(m.Groups["n"].Value, 4) : null;
                var v = m.Groups["q"].Value.ToLowerInvariant() + m.Groups["v"].Value.ToLowerInvariant();
                return Draft(FactSlots.Family, v, of is null ? $"The user is {Article(v)} {v}" : $"The user is {Article(v)} {v} of {of}");
            }, exclusive: true),
        One(@"^I\s+live\s+(?:alone|by\s+myself|on\s+my\s+own)$",
            _ => Draft(FactSlots.Family, "lives alone", "The user lives alone"), exclusive: true),
        One(@"^I\s+live\s+with\s+(?<v>my\s+.+)$",
            m => Value(m.Groups["v"].Value, 6) is { } v ? Draft(FactSlots.Family, $"lives with {v}", $"The user lives with {v}") : null, exclusive: true),
    ];

    private static readonly System.Text.RegularExpressions.Regex PartnerNoun =
        R(@"^(?:my|our)\s+(?:long-?time\s+|high\s+school\s+|college\s+)?(?:girlfriend|boyfriend|partner|fianc[eé]e?)(?:\s+of\s+\w+\s+years?)?[.!]?$");

    // "married to my work", "engaged to my second job": a figure of speech, no partner.
    private static readonly System.Text.RegularExpressions.Regex ThingPartner =
        R(@"\b(?:job|jobs|work|career|phone|laptop|computer|bed|couch|sofa|desk|music|art|craft|studies|research|business|company|startup|team|code|books?|cat|dog|car|guitar|gym|sport|football|game|games)$");

    private static readonly System.Text.RegularExpressions.Regex AgeOrStateRegex =
        R(@"^(\d{1,3}(\s+years\s+old)?|(a|an)\s+\w+|vegan|vegetarian|pregnant|retired|sick|ill|disabled|deaf|blind|autistic)$");

    private static System.Text.RegularExpressions.Regex AgeOrState() => AgeOrStateRegex;

    /// <summary>"Luna, Milo and Pixel": every name of a list, or null when it is no list of names.</summary>
    private static string? NameList(string raw)
    {
        var parts = NameSeparators.Split(raw.Trim().TrimEnd('.', '!', '?'));
        if (parts.Length < 2)
        {
            return null;
        }

        var names = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (PersonName(part) is not { } n || n.Contains(' ', StringComparison.Ordinal))
            {
                return null;
            }

            names.Add(n);
        }

        return string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    private static readonly System.Text.RegularExpressions.Regex NameSeparators = R(@"\s*,\s*(?:and\s+)?|\s+and\s+");

    private static FactDraft? Pet(string count, string kind, string? rawName)
    {
        var k = kind.ToLowerInvariant();
        var n = count.ToLowerInvariant();
        var name = rawName is null ? null : NameList(rawName) ?? PersonName(rawName);
        var text = name is null ? $"The user has {n} {k}" : $"The user has {n} {k} named {name}";
        var singular = k.EndsWith("ies", StringComparison.Ordinal) ? k[..^3] + "y" : k.TrimEnd('s');
        return Draft(FactSlots.Pet, name is null ? singular : $"{singular} {name}", text);
    }
}
