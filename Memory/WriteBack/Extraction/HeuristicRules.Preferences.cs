namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicRules
{
    internal const string Diets = "vegetarian|vegan|pescatarian|pescetarian|flexitarian|carnivore|keto|paleo|raw\\s+vegan|plant-based|plant\\s+based";

    internal const string DietStyles =
        "vegan|vegetarian|keto|ketogenic|paleo|halal|kosher|low-carb|low\\s+carb|gluten-free|gluten\\s+free|plant-based|plant\\s+based|" +
        "mediterranean|low-fodmap|low\\s+fodmap|dairy-free|dairy\\s+free|sugar-free|sugar\\s+free|carnivore|whole30|low-fat|low\\s+fat";

    private const string LikeVerbs =
        "like|love|enjoy|adore|am\\s+into|'m\\s+into|am\\s+(?:a\\s+)?(?:big\\s+|huge\\s+|great\\s+)?fan\\s+of|'m\\s+(?:a\\s+)?(?:big\\s+|huge\\s+|great\\s+)?fan\\s+of|" +
        "am\\s+passionate\\s+about|'m\\s+passionate\\s+about|am\\s+obsessed\\s+with|'m\\s+obsessed\\s+with|am\\s+crazy\\s+about|'m\\s+crazy\\s+about";

    private const string DislikeVerbs =
        "hate|dislike|detest|loathe|despise|can't\\s+stand|cannot\\s+stand|can\\s+not\\s+stand|don't\\s+like|do\\s+not\\s+like|don't\\s+enjoy|do\\s+not\\s+enjoy|" +
        "don't\\s+care\\s+for|am\\s+not\\s+(?:a\\s+)?(?:big\\s+)?fan\\s+of|'m\\s+not\\s+(?:a\\s+)?(?:big\\s+)?fan\\s+of|am\\s+not\\s+into|'m\\s+not\\s+into";

    private static IEnumerable<Rule> PreferenceRules() =>
    [
        One(@"^I\s+(?:am\s+on|'m\s+on|follow|eat|keep\s+to|stick\s+to)\s+(?:a|an|the)\s+(?<v>(?:strict\s+)?[\w-]+(?:\s+[\w-]+)?)\s+diet(?:\s+(?:for|because\s+of|due\s+to)\s+(?:my\s+)?[\w' -]{1,30})?$",
            m => Draft(FactSlots.Diet, m.Groups["v"].Value, $"The user follows {Article(m.Groups["v"].Value)} {LowerExceptAcronyms(m.Groups["v"].Value)} diet"), exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:a\s+|an\s+)?(?:strict\s+|full\s+|fully\s+|mostly\s+|now\s+)?(?<v>" + Diets + @")(?:\s+now)?$",
            m => Draft(FactSlots.Diet, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()}"), exclusive: true),
        // "I'm gluten free", "I am dairy-free": a diet of its own, beside any other.
        One(@"^I(?:'m|\s+am)\s+(?:strictly\s+|mostly\s+|fully\s+|now\s+)?(?<v>(?:gluten|dairy|lactose|sugar|nut|egg|soy|meat|alcohol)[-\s]free)(?:\s+now)?$",
            m =>
            {
                var v = m.Groups["v"].Value.ToLowerInvariant().Replace(' ', '-');
                return Draft(FactSlots.Diet, v, $"The user is {v}");
            }, exclusive: true),
        One(@"^I\s+(?:eat|follow|keep|do|am\s+on|'m\s+on|stick\s+to|went)\s+(?:a\s+|an\s+|strictly\s+|only\s+)?(?<v>" + DietStyles + @")(?:\s+(?:diet|food|meals))?$",
            m =>
            {
                var v = m.Groups["v"].Value.ToLowerInvariant();
                return v is "halal" or "kosher"
                    ? Draft(FactSlots.Diet, v, $"The user eats {v}")
                    : Draft(FactSlots.Diet, v, $"The user follows {Article(v)} {v} diet");
            }, exclusive: true),
        Make(@"^I\s+(?:don't|do\s+not|never|can't|cannot|can\s+not|no\s+longer|won't)\s+eat\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 5) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Food, i, $"The user doesn't eat {i}"))
                : [], exclusive: true),
        // "Actually I do eat fish now", "I eat meat again": the food is back, replacing "doesn't eat" for it.
        Make(@"^I\s+(?:do\s+(?:eat|actually\s+eat)|eat\s+(?<v2>.+?)\s+again|(?:now\s+)?eat\s+(?<v3>.+?)\s+(?:again\s+)?now)(?:\s+(?<v>.+?))?(?:\s+(?:now|again|these\s+days))?$",
            m =>
            {
                var raw = m.Groups["v"].Success ? m.Groups["v"].Value : m.Groups["v2"].Success ? m.Groups["v2"].Value : m.Groups["v3"].Value;
                return Value(raw, 5) is { } v ? Items(v).Select(i => Draft(FactSlots.Food, i, $"The user eats {i}")) : [];
            }, exclusive: true),
        Make(@"^I\s+(?:avoid|stay\s+away\s+from|cut\s+out)\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 5) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Food, i, $"The user avoids {i}"))
                : [], exclusive: true),
        Make(@"^I(?:'m|\s+am)?\s*(?:trying\s+to\s+)?(?:cut(?:ting)?\s+(?:down|back)\s+on|reduc(?:e|ing)\s+my|limit(?:ing)?\s+my)\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 5) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Food, i, $"The user is cutting down on {i}"))
                : [], exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:very\s+|severely\s+|a\s+bit\s+|slightly\s+)?(?<v>lactose|gluten|fructose|histamine)\s+intolerant$",
            m => Draft(FactSlots.Allergy, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()} intolerant"), exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:a\s+)?(?:celiac|coeliac)$|^I\s+have\s+(?:celiac|coeliac)(?:\s+disease)?$",
            _ => Draft(FactSlots.Allergy, "celiac", "The user has celiac disease (must avoid gluten)"), exclusive: true),
        Make(@"^I(?:'m|\s+am|\s+have\s+been|'ve\s+been)\s+(?:severely\s+|very\s+|really\s+|highly\s+|mildly\s+|slightly\s+|deathly\s+|super\s+)?allergic\s+to\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 8, list: true) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Allergy, i, $"The user is allergic to {i}"))
                : [], exclusive: true),
        Make(@"^I\s+(?:have|'ve\s+got|have\s+got|suffer\s+from)\s+(?:a\s+|an\s+)?(?:severe\s+|mild\s+|bad\s+|serious\s+)?(?<v>[\w -]+?)\s+allerg(?:y|ies)$",
            m => Value(m.Groups["v"].Value, 4) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Allergy, i, $"The user is allergic to {i}"))
                : [], exclusive: true),
        Make(@"^I\s+(?:have|'ve\s+got|have\s+got)\s+(?:a|an)\s+(?:severe\s+|mild\s+|bad\s+|serious\s+|known\s+)?allergy\s+to\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 6, list: true) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Allergy, i, $"The user is allergic to {i}"))
                : [], exclusive: true),
        // "I carry an EpiPen because of my nut allergy": the allergy is the user's wherever "my ... allergy" stands.
        // Not exclusive: the rest of the clause may state another fact.
        One(@"(?:^|\b(?:because\s+of|due\s+to|given|with|for|of))\s+my\s+(?:severe\s+|mild\s+|bad\s+|serious\s+)?(?<v>(?!(?:" + Relatives + @")\b)[a-z]+(?:[\s-][a-z]+)?)\s+allerg(?:y|ies)\b",
            m => Draft(FactSlots.Allergy, m.Groups["v"].Value, $"The user is allergic to {m.Groups["v"].Value.ToLowerInvariant()}")),
        // "My favourite foods are sushi, ramen and tacos": the whole list (only "sushi" was kept, as "foods is sushi").
        One(@"^my\s+" + FavouriteQualifier + @"(?:favou?rite|fav|fave)\s+(?<k>[a-z][\w -]{1,30}?s)\s+are\s+(?<v>.+)$",
            m => Favorites(m.Groups["k"].Value, m.Groups["v"].Value), exclusive: true),
        One(@"^my\s+" + FavouriteQualifier + @"(?:favou?rite|fav|fave)\s+(?<k>[a-z][\w -]{1,30}?)\s+(?:is|are)\s+(?<v>.+)$",
            m => Favorite(m.Groups["k"].Value, m.Groups["v"].Value), exclusive: true),
        One(@"^(?<v>[\w' -]{1,40}?)\s+(?:is|are)\s+my\s+" + FavouriteQualifier + @"(?:favou?rite|fav|fave)\s+(?<k>[a-z][\w -]{1,30})$",
            m => Favorite(m.Groups["k"].Value, m.Groups["v"].Value), exclusive: true),
        // "Horror films aren't really my thing", "Jazz is not my cup of tea": a dislike.
        Make(@"^(?<v>(?!(?:my|your|his|her|their|our|this|that|it|these|those|they|he|she|we|you)\b)[\w' -]{2,40}?)\s+(?:is\s+not|isn't|are\s+not|aren't)\s+(?:really\s+|exactly\s+|quite\s+|at\s+all\s+)?my\s+(?:thing|cup\s+of\s+tea|scene|kind\s+of\s+thing)(?:\s+at\s+all)?$",
            m => Value(m.Groups["v"].Value, 5) is { } v && !Pronoun.IsMatch(v)
                ? Items(SentenceCaseLowered(v)).Select(i => Draft(FactSlots.Dislike, i, $"The user dislikes {i}"))
                : [], exclusive: true),
        Make(@"^I(?:\s+|(?='))(?:really\s+|absolutely\s+|also\s+|just\s+|truly\s+|totally\s+|kind\s+of\s+|sort\s+of\s+)?(?<verb>" + DislikeVerbs + @")\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 8, list: true) is { } v
                ? Items(v).Select(i => Draft(FactSlots.Dislike, i, $"The user dislikes {i}"))
                : [], exclusive: true),
        Make(@"^I(?:\s+|(?='))(?:really\s+|absolutely\s+|also\s+|just\s+|truly\s+|totally\s+|do\s+|still\s+)?(?<verb>" + LikeVerbs + @")\s+(?<v>.+)$",
            m =>
            {
                var verb = m.Groups["verb"].Value.ToLowerInvariant();
                // "I love all the yellow leaves": a reaction to something in the chat (a photo), not a taste.
                var raw = m.Groups["v"].Value.Trim();
                raw = raw.StartsWith("both ", StringComparison.OrdinalIgnoreCase) ? raw[5..] : raw; // "a fan of both classical and jazz"
                if (ReactionObject().IsMatch(raw) || Value(raw, 8, list: true) is not { } v)
                {
                    return [];
                }

                var said = verb is "like" or "love" or "enjoy" or "adore" ? ThirdPersonVerb(verb) : "likes";
                return Items(v).Select(i => Draft(FactSlots.Like, i, $"The user {said} {i}"));
            }, exclusive: true),
        Make(@"^I\s+(?:can\s+|also\s+)?(?:speak|am\s+fluent\s+in|'m\s+fluent\s+in|am\s+bilingual\s+in|'m\s+bilingual\s+in|(?<conv>am\s+conversational\s+in|'m\s+conversational\s+in))\s+(?:any\s+)?(?<v>.+?)(?:\s+(?:fluently|natively|a\s+bit|a\s+little|well|very\s+well|at\s+home))?$",
            m => Value(m.Groups["v"].Value, 8, list: true) is { } v
                ? Items(v).Select(i => SpokenLanguage(i, m.Groups["conv"].Success)).OfType<FactDraft>()
                : [], exclusive: true),
        One(@"^(?:my\s+(?:native|first|mother)\s+(?:language|tongue)\s+is\s+(?<v>\w+)|(?<v>\w+)\s+is\s+my\s+(?:native|first|mother)\s+(?:language|tongue)|I(?:'m|\s+am)\s+a\s+native\s+(?<v>\w+)\s+speaker)$",
            m => LanguageNames.IsLanguage(m.Groups["v"].Value)
                ? Draft(FactSlots.Language, m.Groups["v"].Value, $"The user's native language is {LanguageNames.Display(m.Groups["v"].Value)}")
                : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:currently\s+|now\s+|also\s+)?(?:taking|doing)\s+(?<v>\w+)\s+(?:lessons|classes|courses?)$",
            m => LanguageNames.IsLanguage(m.Groups["v"].Value)
                ? Draft(FactSlots.Language, m.Groups["v"].Value, $"The user is learning {LanguageNames.Display(m.Groups["v"].Value)}")
                : null, exclusive: true),
        One(@"^I\s+(?:can\s+)?understand\s+(?<v>\w+)(?:$|\s+(?:but|and|well|fine|a\s+bit|a\s+little|perfectly|pretty\s+well)\b)",
            m => LanguageNames.IsLanguage(m.Groups["v"].Value)
                ? Draft(FactSlots.Language, $"{m.Groups["v"].Value} understood", $"The user understands {LanguageNames.Display(m.Groups["v"].Value)}")
                : null, exclusive: true),
        One(@"^I(?:'m|\s+am|\s+have\s+been|'ve\s+been)\s+(?:currently\s+|now\s+|also\s+)?(?:learning|studying)\s+(?<v>.+)$",
            m =>
            {
                if (LearningHowMuch().IsMatch(m.Groups["v"].Value.Trim()) || Value(m.Groups["v"].Value, 4) is not { } v)
                {
                    return null;
                }

                return LanguageNames.IsLanguage(v)
                    ? Draft(FactSlots.Language, v, $"The user is learning {LanguageNames.Display(v)}")
                    : Draft(FactSlots.Learning, v, $"The user is learning {v}");
            }, exclusive: true),
    ];

    /// <summary>"low-FODMAP", "Keto": lower case, except an acronym the user wrote in capitals.</summary>
    private static string LowerExceptAcronyms(string value) =>
        AcronymOrWord().Replace(value, m => m.Value.Length > 1 && m.Value.All(char.IsUpper) ? m.Value : m.Value.ToLowerInvariant());

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}+")]
    private static partial System.Text.RegularExpressions.Regex AcronymOrWord();

    /// <summary>"Horror films" at the start of a sentence is "horror films"; a name ("Star Wars", "Italian food",
    /// "NFL games") keeps its capitals.</summary>
    private static string SentenceCaseLowered(string value)
    {
        var words = value.Split(' ');
        return words.Skip(1).Any(w => w.Any(char.IsUpper)) || words[0].Skip(1).Any(char.IsUpper) || LanguageNames.IsLanguage(words[0]) ||
               LanguageAdjective().IsMatch(words[0])
            ? value
            : char.ToLowerInvariant(value[0]) + value[1..];
    }

    // "Italian", "Thai", "Mexican", "French": a people's word keeps its capital.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\p{Lu}\p{Ll}+(?:ese|ish|ian|an|ch|ic|i)$")]
    private static partial System.Text.RegularExpressions.Regex LanguageAdjective();

    // "my all-time favourite film", "my absolute favourite".
    private const string FavouriteQualifier = @"(?:(?:all-time|all\s+time|absolute|current|very)\s+)?";

    /// <summary>A language the user speaks, with how well when the item says it ("a little Arabic", "some
    /// Italian"); null when the item is no language.</summary>
    private static FactDraft? SpokenLanguage(string item, bool conversational)
    {
        var q = LanguageLevel().Match(item);
        var language = q.Success ? item[q.Length..] : item;
        if (!LanguageNames.IsLanguage(language))
        {
            return null;
        }

        var level = q.Success ? q.Groups["q"].Value.ToLowerInvariant() + " " : conversational ? "conversational " : string.Empty;
        return Draft(FactSlots.Language, language, $"The user speaks {level}{LanguageNames.Display(language)}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<q>a\s+little(?:\s+bit\s+of)?|a\s+bit\s+of|some|basic|conversational|broken|rusty|decent|passable)\s+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LanguageLevel();

    private static FactDraft? Favorites(string kinds, string raw)
    {
        var k = TextNormalizer.SubjectKey(kinds);
        if (k.Length == 0 || Value(raw, 12, list: true) is not { } v)
        {
            return null;
        }

        return Draft($"{FactSlots.Favorite}.{k.Replace(' ', '-')}", v, $"The user's favorite {k} are {v}");
    }

    private static FactDraft? Favorite(string kind, string raw)
    {
        var k = TextNormalizer.SubjectKey(kind);
        if (k.Length == 0 || Value(raw, 6) is not { } v)
        {
            return null;
        }

        return Draft($"{FactSlots.Favorite}.{k.Replace(' ', '-')}", v, $"The user's favorite {k} is {v}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^all\s+(?:the|those|these)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReactionObject();
}
