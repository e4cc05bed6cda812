using System.Text.RegularExpressions;

namespace Memory.WriteBack.Consolidation;

/// <summary>How diet facts combine. A diet slot holds one value of each kind: where the user stands on meat
/// (vegan, vegetarian, pescatarian... one replaces another) and the regimen they follow (keto, low-carb... one replaces
/// another). Restrictions (gluten-free, halal, lactose-free...) sit beside both and beside each other, so "I'm gluten
/// free" never ends "I'm vegetarian". And eating again what a diet excludes ("I started eating fish again") ends that
/// diet.</summary>
internal static partial class DietRules
{
    private enum Kind
    {
        Restriction,
        MeatStance,
        Regimen,
    }

    [Flags]
    private enum Food
    {
        None = 0,
        Meat = 1,
        Fish = 2,
        AnimalProducts = 4,
    }

    /// <summary>Whether a new diet fact replaces a diet memory: both say where the user stands on meat, or both name
    /// the regimen they follow.</summary>
    public static bool Replaces(string memoryText, string factText) =>
        Safely(() => KindOf(memoryText) is var kind && kind != Kind.Restriction && kind == KindOf(factText));

    /// <summary>Whether the fact says the user eats what the diet memory excludes ("eats fish" against "is vegetarian").</summary>
    public static bool Contradicts(string dietText, string factText) =>
        Safely(() => Eats(factText) is var eaten && eaten != Food.None && (Excluded(dietText) & eaten) != Food.None);

    /// <summary>Whether the fact says the user eats an animal food (a diet may exclude it).</summary>
    public static bool SaysEats(string factText) => Safely(() => Eats(factText) != Food.None);

    /// <summary>A pathological text that times a rule out reads as no match, never as a failed turn.</summary>
    private static bool Safely(Func<bool> rule)
    {
        try
        {
            return rule();
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Kind KindOf(string text) =>
        MeatStance().IsMatch(text) ? Kind.MeatStance : Regimen().IsMatch(text) ? Kind.Regimen : Kind.Restriction;

    private static Food Excluded(string dietText)
    {
        var m = MeatStance().Match(dietText);
        if (!m.Success || Negated().IsMatch(dietText))
        {
            return Food.None;
        }

        return m.Value.ToLowerInvariant() switch
        {
            "vegan" or "plant-based" or "plant based" => Food.Meat | Food.Fish | Food.AnimalProducts,
            "pescatarian" or "pescetarian" => Food.Meat,
            "flexitarian" or "omnivore" or "omnivorous" => Food.None,
            _ => Food.Meat | Food.Fish, // vegetarian, lacto-ovo...
        };
    }

    private static Food Eats(string factText)
    {
        var m = EatsFood().Match(factText);
        if (!m.Success)
        {
            return Food.None;
        }

        var food = m.Groups["food"].Value.ToLowerInvariant();
        return food switch
        {
            "fish" or "seafood" or "salmon" or "tuna" or "shrimp" or "prawns" or "sushi" or "shellfish" or "cod" => Food.Fish,
            "dairy" or "eggs" or "egg" or "cheese" or "milk" or "butter" or "honey" or "yogurt" or "yoghurt" => Food.AnimalProducts,
            _ => Food.Meat,
        };
    }

    [GeneratedRegex(@"\b(?:vegan|vegetarian|lacto-ovo vegetarian|pescatarian|pescetarian|flexitarian|omnivore|omnivorous|plant-based|plant based)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex MeatStance();

    [GeneratedRegex(@"\b(?:keto|ketogenic|paleo|low-carb|low carb|atkins|whole30|mediterranean|carnivore|dash|intermittent fasting|low-fat|low fat|high-protein|high protein)\b|\bfollows an? [\w -]+ diet\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex Regimen();

    [GeneratedRegex(@"\b(?:not|no longer|never|isn't|doesn't|don't)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex Negated();

    /// <summary>"The user eats fish", "The user started eating meat (again)", "The user eats chicken now".</summary>
    [GeneratedRegex(@"^(?:the\s+user|I)\s+(?:now\s+|also\s+|again\s+|do(?:es)?\s+)?(?:(?:has\s+)?(?:started|starts|began|begins|went\s+back\s+to|goes\s+back\s+to|is\s+back\s+to)\s+)?(?:eats?|eating|ate)\s+(?:some\s+)?(?<food>meat|fish|seafood|chicken|beef|pork|lamb|turkey|bacon|steak|ham|duck|veal|salmon|tuna|shrimp|prawns|sushi|shellfish|cod|dairy|eggs?|cheese|milk|butter|honey|yogh?urt)(?![-\w])(?!\s+(?:substitutes?|alternatives?|analogues?))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex EatsFood();
}
