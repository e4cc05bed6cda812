namespace Memory.Dedup;

/// <summary>The closed word lists the fact signature reads: number words, months, days, times of day, units,
/// negations and aversions, copulas. Generic English, nothing tuned to one data set.</summary>
internal static class DedupLexicon
{
    public static readonly IReadOnlyDictionary<string, string> NumberWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17",
        ["eighteen"] = "18", ["nineteen"] = "19", ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50",
        ["sixty"] = "60", ["seventy"] = "70", ["eighty"] = "80", ["ninety"] = "90", ["hundred"] = "100",
        ["thousand"] = "1000", ["million"] = "1000000", ["billion"] = "1000000000", ["dozen"] = "12", ["half"] = "0.5",
        ["first"] = "1", ["third"] = "3", ["fourth"] = "4", ["fifth"] = "5", ["sixth"] = "6", ["seventh"] = "7",
        ["eighth"] = "8", ["ninth"] = "9", ["tenth"] = "10", ["twice"] = "2", ["once"] = "1", ["single"] = "1",
        ["double"] = "2", ["triple"] = "3", ["pair"] = "2", ["couple"] = "2",
    };

    private static readonly string[] MonthAbbreviations = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Month names, each to its abbreviation ("march" and "mar" are "mar"); counted only when capitalised or
    /// next to a number ("may" is also a verb).</summary>
    public static readonly IReadOnlyDictionary<string, string> Months = Memory.Text.EnglishLexicon.Months.ToDictionary(
        m => m.Key, m => MonthAbbreviations[m.Value - 1], StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> Days = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["monday"] = "mon", ["mondays"] = "mon", ["tuesday"] = "tue", ["tuesdays"] = "tue", ["wednesday"] = "wed",
        ["wednesdays"] = "wed", ["thursday"] = "thu", ["thursdays"] = "thu", ["friday"] = "fri", ["fridays"] = "fri",
        ["saturday"] = "sat", ["saturdays"] = "sat", ["sunday"] = "sun", ["sundays"] = "sun", ["today"] = "today",
        ["tomorrow"] = "tomorrow", ["yesterday"] = "yesterday", ["weekend"] = "weekend", ["weekends"] = "weekend",
        ["weekday"] = "weekday", ["weekdays"] = "weekday", ["christmas"] = "christmas", ["easter"] = "easter",
        ["spring"] = "spring", ["summer"] = "summer", ["autumn"] = "autumn", ["fall"] = "autumn", ["winter"] = "winter",
    };

    public static readonly IReadOnlyDictionary<string, string> Times = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["am"] = "am", ["pm"] = "pm", ["noon"] = "noon", ["midday"] = "noon", ["midnight"] = "midnight",
        ["morning"] = "morning", ["mornings"] = "morning", ["afternoon"] = "afternoon", ["afternoons"] = "afternoon",
        ["evening"] = "evening", ["evenings"] = "evening", ["night"] = "night", ["nights"] = "night",
        ["tonight"] = "night", ["oclock"] = "oclock", ["dawn"] = "dawn", ["dusk"] = "dusk",
    };

    /// <summary>Unit words and symbols with their canonical form.</summary>
    public static readonly IReadOnlyDictionary<string, string> Units = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kg"] = "kg", ["kgs"] = "kg", ["kilo"] = "kg", ["kilos"] = "kg", ["kilogram"] = "kg", ["kilograms"] = "kg",
        ["gram"] = "g", ["grams"] = "g", ["mg"] = "mg", ["milligram"] = "mg", ["milligrams"] = "mg", ["mcg"] = "mcg",
        ["lb"] = "lb", ["lbs"] = "lb", ["pound"] = "pound", ["pounds"] = "pound", ["oz"] = "oz", ["ounce"] = "oz",
        ["ounces"] = "oz", ["stone"] = "stone", ["km"] = "km", ["kms"] = "km", ["kilometer"] = "km", ["kilometers"] = "km",
        ["kilometre"] = "km", ["kilometres"] = "km", ["meter"] = "m", ["meters"] = "m", ["metre"] = "m", ["metres"] = "m",
        ["cm"] = "cm", ["centimeter"] = "cm", ["centimeters"] = "cm", ["centimetre"] = "cm", ["centimetres"] = "cm",
        ["mm"] = "mm", ["millimeter"] = "mm", ["millimeters"] = "mm", ["mile"] = "mi", ["miles"] = "mi", ["mi"] = "mi",
        ["ft"] = "ft", ["inch"] = "in", ["inches"] = "in", ["yard"] = "yd", ["yards"] = "yd", ["liter"] = "l",
        ["liters"] = "l", ["litre"] = "l", ["litres"] = "l", ["ml"] = "ml", ["milliliter"] = "ml", ["milliliters"] = "ml",
        ["gallon"] = "gal", ["gallons"] = "gal", ["pint"] = "pint", ["pints"] = "pint", ["celsius"] = "c",
        ["fahrenheit"] = "f", ["degree"] = "deg", ["degrees"] = "deg", ["percent"] = "%", ["%"] = "%", ["$"] = "usd",
        ["usd"] = "usd", ["dollar"] = "usd", ["dollars"] = "usd", ["bucks"] = "usd", ["€"] = "eur", ["eur"] = "eur",
        ["euro"] = "eur", ["euros"] = "eur", ["£"] = "gbp", ["gbp"] = "gbp", ["¥"] = "jpy", ["yen"] = "jpy",
        ["cent"] = "cent", ["cents"] = "cent", ["°"] = "deg", ["seconds"] = "s", ["secs"] = "s", ["sec"] = "s",
        ["minute"] = "min", ["minutes"] = "min", ["mins"] = "min", ["hour"] = "h", ["hours"] = "h", ["hrs"] = "h",
        ["hr"] = "h", ["day"] = "day", ["days"] = "day", ["week"] = "week", ["weeks"] = "week", ["month"] = "month",
        ["months"] = "month", ["year"] = "year", ["years"] = "year", ["yr"] = "year", ["yrs"] = "year",
        ["decade"] = "decade", ["decades"] = "decade", ["mph"] = "mph", ["kph"] = "kph", ["kmh"] = "kph",
        ["kb"] = "kb", ["mb"] = "mb", ["gb"] = "gb", ["tb"] = "tb", ["mbps"] = "mbps", ["gbps"] = "gbps",
        ["kcal"] = "kcal", ["calorie"] = "kcal", ["calories"] = "kcal", ["ghz"] = "ghz", ["mhz"] = "mhz", ["watt"] = "w",
        ["watts"] = "w", ["kw"] = "kw", ["kwh"] = "kwh", ["volt"] = "v", ["volts"] = "v",
    };

    /// <summary>Units that are also ordinary words or letters: counted only right after a number.</summary>
    public static readonly IReadOnlySet<string> UnitsAfterNumberOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "m", "g", "c", "f", "h", "l", "s", "feet", "foot", "second", "stone", "pound", "pounds", "degree", "degrees",
    };

    /// <summary>Single-letter or word units accepted after a number, with their canonical form.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShortUnits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["m"] = "m", ["g"] = "g", ["c"] = "c", ["f"] = "f", ["h"] = "h", ["l"] = "l", ["s"] = "s", ["feet"] = "ft",
        ["foot"] = "ft", ["second"] = "s", ["k"] = "thousand",
    };

    /// <summary>Words that make a statement negative ("not", "never", "dislike", "allergic to" is not one: it is a
    /// fact, not a polarity). Apostrophes are already removed ("don't" is "dont").</summary>
    public static readonly IReadOnlySet<string> Negations = new HashSet<string>(Memory.Text.EnglishLexicon.Negations.Concat(
    [
        // Beside English's grammatical negations (EnglishLexicon.Negations): aversions.
        "dislike", "dislikes", "disliked", "hate", "hates", "hated", "detest", "detests", "loathe", "loathes", "avoid",
        "avoids", "quit", "stopped", "refuse", "refuses", "unable",

        // The plain negations of other languages the gateway's users write in (German, French, Spanish, Portuguese,
        // Italian, Dutch, the Scandinavian languages, Polish, Russian); not French "ne" (also "NE Portland": "pas"
        // carries the negation) nor "non" ("non-binary" is "nonbinary", not a negation).
        "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "niemals", "pas", "jamais", "aucun",
        "aucune", "nunca", "jamás", "jamas", "não", "nao", "nem", "niet", "geen", "nooit", "inte", "ikke", "aldrig",
        "aldri", "nie", "не", "нет", "никогда",
    ]), StringComparer.Ordinal);

    /// <summary>Pairs of small words that turn a statement round while its content words stay the same ("before" /
    /// "after midnight", "more" / "less than my brother"): a text that has one where the other has its opposite is
    /// another fact. Each word maps to its opposites. Words that are mostly something else are left out ("on" /
    /// "off": "on Fridays"; "left" / "right": "I left my job right after").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Opposites = OppositePairs(
        ("before", "after"), ("over", "under"), ("above", "below"), ("more", "less"), ("more", "fewer"), ("most", "least"),
        ("earlier", "later"), ("early", "late"), ("inside", "outside"), ("up", "down"), ("higher", "lower"),
        ("bigger", "smaller"), ("larger", "smaller"), ("better", "worse"), ("best", "worst"), ("older", "younger"),
        ("oldest", "youngest"), ("longer", "shorter"), ("first", "last"), ("increase", "decrease"),
        ("increased", "decreased"), ("minimum", "maximum"), ("min", "max"), ("north", "south"), ("east", "west"),
        ("top", "bottom"), ("inbound", "outbound"), ("arrive", "depart"), ("arrives", "departs"),
        ("arrival", "departure"), ("with", "without"), ("left", "right"));

    /// <summary>Words that relate the words on either side of them in one direction ("tea over coffee", "happier
    /// than before", "from Boston to Denver"): the same words on the other sides are another fact. "to" counts only
    /// after a "from".</summary>
    public static readonly IReadOnlySet<string> OrderWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "over", "than", "rather", "instead", "vs", "versus", "from",
    };

    /// <summary>Words that make a list's order part of the fact ("in order", "ranked"): then the whole sequence counts.</summary>
    public static readonly IReadOnlySet<string> RankWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "order", "ordered", "rank", "ranked", "ranking", "ranks",
    };

    /// <summary>Measure words and units that follow a Han number ("一只猫", "三岁", "两个").</summary>
    public static readonly IReadOnlySet<string> HanMeasureWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "个", "個", "只", "隻", "岁", "歲", "年", "月", "日", "号", "號", "次", "天", "点", "點", "位", "本", "件", "条", "條",
        "张", "張", "口", "元", "块", "塊", "米", "斤", "公", "小", "分", "秒", "周", "週", "层", "層", "间", "間", "辆", "輛",
        "台", "杯", "瓶", "双", "雙", "对", "對", "名", "人", "家", "种", "種", "匹", "头", "頭", "节", "節", "门", "門",
    };

    /// <summary>Han numerals and their values; a run of them is read as one number (<c>FactTokenizer</c>).</summary>
    public static readonly IReadOnlyDictionary<char, string> HanNumerals = new Dictionary<char, string>
    {
        ['〇'] = "0", ['零'] = "0", ['一'] = "1", ['二'] = "2", ['两'] = "2", ['兩'] = "2", ['三'] = "3", ['四'] = "4",
        ['五'] = "5", ['六'] = "6", ['七'] = "7", ['八'] = "8", ['九'] = "9", ['十'] = "10", ['百'] = "100",
        ['千'] = "1000", ['万'] = "10000", ['萬'] = "10000",
    };

    /// <summary>Words dropped when comparing the two sides of a negation: auxiliaries and the positive verbs that
    /// the aversion words above stand against.</summary>
    public static readonly IReadOnlySet<string> PolarityNeutral = new HashSet<string>(StringComparer.Ordinal)
    {
        "do", "does", "did", "like", "likes", "liked", "love", "loves", "loved", "enjoy", "enjoys", "enjoyed", "longer",
        "anymore", "any", "at", "all",

        // The auxiliary a contracted negation carries ("can't", "isn't", "won't"): "I can swim" / "I can't swim".
        "can", "will", "is", "are", "am", "was", "were", "has", "have", "had", "would", "could", "should",
    };

    public static readonly IReadOnlySet<string> Copulas = new HashSet<string>(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "am", "equals", "remains",
    };

    /// <summary>Two-word relations that name a single-valued attribute ("lives in Lyon", "works at Acme").</summary>
    public static readonly IReadOnlySet<string> Relations = new HashSet<string>(StringComparer.Ordinal)
    {
        "lives in", "live in", "lived in", "living in", "works at", "work at", "works for", "work for", "works as",
        "work as", "moved to", "born in", "born on", "based in", "drives a", "drive a",
    };

    /// <summary>Relations that name a single-valued attribute only when a school follows ("my son goes to Hillside
    /// Primary", "I attend Leeds University"; not "I go to the gym", "my son goes to swimming club"): one school at a
    /// time.</summary>
    public static readonly IReadOnlySet<string> SchoolRelations = new HashSet<string>(StringComparer.Ordinal)
    {
        "goes to", "go to", "attends", "attend", "attending",
    };

    /// <summary>Words that make what follows a school relation a school.</summary>
    public static readonly IReadOnlySet<string> SchoolWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "school", "primary", "academy", "college", "university", "uni", "nursery", "kindergarten", "preschool", "daycare",
        "elementary", "secondary", "lycee", "polytechnic",
    };

    /// <summary>Words that end the school's name after a school relation ("goes to the gym after school": the place is
    /// the gym).</summary>
    public static readonly IReadOnlySet<string> SchoolPhraseEnds = new HashSet<string>(StringComparer.Ordinal)
    {
        "after", "before", "with", "on", "at", "every", "each", "for", "in", "during", "to", "and", "but", "because", "when",
    };

    /// <summary>Relations of the user's own that hold one value at a time ("I live in Lyon", "the user works at Acme"),
    /// by the attribute they name.</summary>
    public static readonly IReadOnlyDictionary<string, string> SelfRelations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["live in"] = "home", ["lives in"] = "home", ["living in"] = "home", ["based in"] = "home",
        ["work at"] = "employer", ["works at"] = "employer", ["work for"] = "employer", ["works for"] = "employer",
        ["work as"] = "job", ["works as"] = "job", ["born in"] = "birthplace", ["born on"] = "birthday",
    };

    /// <summary>Canonical units of a length and of a weight (<see cref="Units"/>, <see cref="ShortUnits"/>): a number
    /// the user is, in one of these, is a height or a weight, not an age.</summary>
    public static readonly IReadOnlySet<string> LengthUnits = new HashSet<string>(StringComparer.Ordinal) { "m", "cm", "mm", "ft", "in", "yd" };

    public static readonly IReadOnlySet<string> WeightUnits = new HashSet<string>(StringComparer.Ordinal) { "kg", "g", "lb", "pound", "stone", "oz" };

    /// <summary>What can follow "work at", "live in"... without naming an employer or a home: when or how ("I work at
    /// night", "at weekends", "from home").</summary>
    public static readonly IReadOnlySet<string> WhenOrWhereWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "night", "nights", "weekend", "weekends", "home", "day", "days", "weekday", "weekdays", "morning", "mornings",
        "evening", "evenings", "noon", "midnight", "dawn", "lunch", "lunchtime", "times", "moment", "present", "least",
        "once", "last", "first", "odd", "weird", "unusual", "strange",
    };

    /// <summary>Stems of words that stress a statement without adding to it ("I really love hiking").</summary>
    public static readonly IReadOnlySet<string> Intensifiers = new HashSet<string>(StringComparer.Ordinal)
    {
        "realli", "truli", "absolut", "definit", "actual", "total", "quit", "certainli", "genuin", "honestli", "inde",
    };

    /// <summary>Words that say a value comes beside the one already held ("I also work at a bar", "a second job").</summary>
    public static readonly IReadOnlySet<string> AdditionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "also", "too", "another", "second", "additionally", "both", "either",
    };

    /// <summary>Head words that name nobody in particular: a head made only of these (and stop words) is no slot.</summary>
    public static readonly IReadOnlySet<string> VagueHeads = new HashSet<string>(StringComparer.Ordinal)
    {
        "user", "users", "person", "someone", "everyone", "everything", "something", "thing", "things", "one",
    };

    private static Dictionary<string, string[]> OppositePairs(params (string A, string B)[] pairs) =>
        pairs.SelectMany(p => new[] { (Word: p.A, Opposite: p.B), (Word: p.B, Opposite: p.A) })
            .GroupBy(p => p.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Opposite).ToArray(), StringComparer.Ordinal);
}
