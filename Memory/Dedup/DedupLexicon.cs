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
        ["am"] = "am", ["pm"] = "pm", ["noon"] = "12:00", ["midday"] = "12:00", ["midnight"] = "00:00",
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

    /// <summary>What each canonical unit measures: a value in one dimension is not a new value of a slot held in another
    /// ("my commute is 20 minutes" / "... 12 miles"). A pound is its own: money or a weight (<c>SlotShape</c> matches it
    /// with either).</summary>
    public static readonly IReadOnlyDictionary<string, string> UnitDimensions = Dimensions(
        ("mass", ["kg", "g", "mg", "mcg", "lb", "oz", "stone"]),
        ("pound", ["pound"]),
        ("length", ["km", "m", "cm", "mm", "mi", "ft", "in", "yd"]),
        ("volume", ["l", "ml", "gal", "pint"]),
        ("temperature", ["c", "f", "deg"]),
        ("money", ["usd", "eur", "gbp", "jpy", "cent"]),
        ("duration", ["s", "min", "h", "day", "week", "month", "year", "decade"]),
        ("speed", ["mph", "kph"]),
        ("data", ["kb", "mb", "gb", "tb"]),
        ("bandwidth", ["mbps", "gbps"]),
        ("energy", ["kcal", "kwh"]),
        ("frequency", ["ghz", "mhz"]),
        ("power", ["w", "kw"]));

    private static Dictionary<string, string> Dimensions(params (string Dimension, string[] Units)[] groups) =>
        groups.SelectMany(g => g.Units.Select(u => (Unit: u, g.Dimension))).ToDictionary(p => p.Unit, p => p.Dimension, StringComparer.Ordinal);

    /// <summary>Prepositions that, before a determiner and a thing, say where a slot's value is kept, not the value
    /// ("my phone number is on my CV", "... in my notes app").</summary>
    public static readonly IReadOnlySet<string> ReferencePrepositions = new HashSet<string>(StringComparer.Ordinal)
    {
        "on", "in", "at", "inside", "under", "behind", "beside", "near", "with", "by", "from", "into", "onto", "within", "above",
    };

    /// <summary>Things that keep a value written down or stored: "on my CV", "in my notes app", "on the fridge". A
    /// place phrase about anything else ("in the Lake District", "at the office") is a value, not where one is kept.</summary>
    public static readonly IReadOnlySet<string> StorageNouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "cv", "resume", "résumé", "note", "notes", "notebook", "notepad", "app", "apps", "card", "fridge", "file", "files", "folder",
        "profile", "calendar", "diary", "letter", "letters", "phone", "mobile", "laptop", "computer", "drawer", "list", "collar",
        "desk", "wallet", "purse", "email", "emails", "document", "documents", "doc", "docs", "spreadsheet", "account", "form",
        "paper", "papers", "label", "tag", "badge", "contract", "passport", "licence", "license", "receipt", "invoice", "bill",
        "certificate", "envelope", "whiteboard", "noticeboard", "screen", "website", "database", "cloud", "planner", "journal",
        "postit", "sticky", "binder", "box", "keyring", "password", "vault", "settings", "portal", "inbox",
    };

    /// <summary>Articles, possessives and demonstratives.</summary>
    public static readonly IReadOnlySet<string> Determiners = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those", "some",
    };

    /// <summary>Words that, first in a slot's value, point to the value elsewhere or say how it stands ("written on a
    /// note", "the same as my PIN", "saved in my phone", "unknown"): no value of the slot.</summary>
    public static readonly IReadOnlySet<string> ReferenceWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "written", "saved", "stored", "kept", "listed", "noted", "printed", "shown", "attached", "linked", "same", "unknown",
        "private", "secret", "confidential", "somewhere", "elsewhere", "different", "available", "visible",
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
        ["foot"] = "ft", ["second"] = "s",
    };

    /// <summary>Aversions: negative words that say more than "not" ("I hate smoking" is not "I quit smoking", nor "I
    /// avoid gluten" "I hate gluten").</summary>
    private static readonly string[] AversionWords =
    [
        "dislike", "dislikes", "disliked", "hate", "hates", "hated", "detest", "detests", "loathe", "loathes", "avoid",
        "avoids", "quit", "stopped", "refuse", "refuses", "unable",
    ];

    /// <summary>Whether a negative word is an aversion (<see cref="AversionWords"/>), read as itself, not as "not".</summary>
    public static bool IsAversion(string lower) => Array.IndexOf(AversionWords, lower) >= 0;

    /// <summary>Words that make a statement negative ("not", "never", "dislike", "allergic to" is not one: it is a
    /// fact, not a polarity). Apostrophes are already removed ("don't" is "dont").</summary>
    public static readonly IReadOnlySet<string> Negations = new HashSet<string>(Memory.Text.EnglishLexicon.Negations.Concat(AversionWords).Concat(
    [
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

        // "without sugar" is "not with sugar": "I take my coffee with sugar" / "... without sugar" is the same statement
        // negated; a word that says the statement holds now does not change it (thirteenth session).
        "with", "now", "instead", "nowadays", "currently",

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
        "work as", "moved to", "born in", "born on", "based in", "drives a", "drive a", "drives an", "drive an",
        "lives at", "live at", "expires in", "expires on", "expire in", "expire on", "expiring in", "expiring on",
        "ends in", "went up to", "gone up to", "went down to", "gone down to", "rose to", "increased to", "dropped to",
        "fell to", "decreased to",
    };

    /// <summary>One-word relations that measure their subject, a relation only when a number follows (with a duration
    /// after it for "takes"): "my dog weighs 30 kg", "the course costs £200", "my commute takes 40 minutes", "the film
    /// lasts 2 hours", "my daughter turned 5" (her age: read as "is"). Nineteenth session.</summary>
    public static readonly IReadOnlySet<string> MeasureRelations = new HashSet<string>(StringComparer.Ordinal)
    {
        "weighs", "weigh", "costs", "cost", "takes", "take", "lasts", "last", "turned",
    };

    /// <summary>Words that may stand between a measuring relation and its number ("weighs about 30 kg").</summary>
    public static readonly IReadOnlySet<string> Approximately = new HashSet<string>(StringComparer.Ordinal)
    {
        "about", "around", "roughly", "nearly", "almost", "approximately", "over", "under", "just",
    };

    /// <summary>Words that say how often a quantity is had, which makes the quantity a rate of one value ("10 cigarettes
    /// a day", "7 hours a night", "20 mg daily", "£40,000 a year"): after "a", "an", "per", "every" or "each".</summary>
    public static readonly IReadOnlySet<string> RatePeriods = new HashSet<string>(StringComparer.Ordinal)
    {
        "day", "night", "week", "month", "year", "morning", "evening", "afternoon", "weekend", "fortnight", "shift",
    };

    /// <summary>Adverbs that make a quantity a rate by themselves ("20 mg daily").</summary>
    public static readonly IReadOnlySet<string> RateAdverbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "daily", "nightly", "weekly", "monthly", "yearly", "annually", "hourly",
    };

    /// <summary>Past participles that are not "-ed" forms, for the present perfect ("I've had my dog for 4 years").</summary>
    public static readonly IReadOnlySet<string> IrregularParticiples = new HashSet<string>(StringComparer.Ordinal)
    {
        "been", "had", "known", "done", "taught", "grown", "run", "kept", "held", "driven", "worn", "sung", "swum", "ridden",
        "written", "spoken", "eaten", "drunk", "slept", "fought", "led", "sat", "stood", "felt", "read", "gone", "got", "gotten",
        "made", "built", "taken", "given", "seen", "meant", "spent", "dealt",
    };

    /// <summary>Relations that say the same as another in a slot's head: who moved to a place lives there ("My sister
    /// moved to York" gives "My sister lives in Leeds" its new value).</summary>
    public static readonly IReadOnlyDictionary<string, string> RelationSynonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["moved to"] = "lives in", ["live in"] = "lives in", ["living in"] = "lives in", ["work at"] = "works at",
        ["work for"] = "works for", ["work as"] = "works as", ["drive a"] = "drives a", ["drive an"] = "drives a",
        ["drives an"] = "drives a", ["live at"] = "lives at", ["expires on"] = "expires in", ["expire in"] = "expires in",
        ["expire on"] = "expires in", ["expiring in"] = "expires in", ["expiring on"] = "expires in", ["weigh"] = "weighs",
        ["cost"] = "costs", ["take"] = "takes", ["last"] = "lasts", ["turned"] = "is", ["went up to"] = "is", ["gone up to"] = "is",
        ["went down to"] = "is", ["gone down to"] = "is", ["rose to"] = "is", ["increased to"] = "is", ["dropped to"] = "is",
        ["fell to"] = "is", ["decreased to"] = "is",
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
        ["work in"] = "workplace", ["works in"] = "workplace",
        ["work as"] = "job", ["works as"] = "job", ["born in"] = "birthplace", ["born on"] = "birthday",
        ["moved to"] = "home", ["move to"] = "home", ["relocated to"] = "home", ["drive a"] = "car", ["drive an"] = "car",
        ["drives a"] = "car", ["drives an"] = "car", ["live at"] = "address", ["lives at"] = "address", ["living at"] = "address",
    };

    /// <summary>Fields of work, also written with a capital ("I work in Finance", "in Sales", "in Python"): no place, so
    /// "works in Finance" never replaces "works in London".</summary>
    public static readonly IReadOnlySet<string> WorkFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "finance", "sales", "marketing", "hr", "it", "tech", "technology", "engineering", "software", "python", "java",
        "accounting", "accounts", "legal", "law", "operations", "ops", "product", "design", "research", "education",
        "healthcare", "health", "retail", "hospitality", "construction", "banking", "insurance", "media", "government",
        "consulting", "logistics", "admin", "administration", "support", "security", "data", "science", "publishing",
        "advertising", "pr", "recruitment", "procurement", "compliance", "audit", "tax", "real", "estate", "property",
        "fashion", "film", "tv", "music", "gaming", "pharma", "biotech", "manufacturing", "energy", "telecoms", "customer",
        "service", "services", "and", "&",
    };

    /// <summary>Words that make a slot's value one of many ("Caroline is friends with Melanie" / "... with Jon", "a fan
    /// of Muse", "allergic to Calpol", "a member of the Scouts"): another value in the same words is another fact.</summary>
    public static readonly IReadOnlySet<string> ManyValuedWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "friends", "friend", "fan", "fans", "member", "members", "allergic", "intolerant", "afraid", "scared", "fond",
        "interested", "related",
    };

    /// <summary>Relations that say a move, whose value is the new home ("moved to York") and may be followed by when.</summary>
    public static readonly IReadOnlySet<string> MoveRelations = new HashSet<string>(StringComparer.Ordinal)
    {
        "moved to", "move to", "relocated to",
    };

    /// <summary>Words that start saying when after a place ("York last month", "Leeds in 2019", "Bath a while ago").</summary>
    public static readonly IReadOnlySet<string> WhenWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "last", "this", "next", "ago", "recently", "back", "in", "on", "at", "during", "since", "after", "before", "when",
        "with", "because", "for", "a", "earlier", "lately", "yesterday",
    };

    /// <summary>Routines done once a day, said with the time they happen ("I wake up at 6", "my son goes to bed at 7pm"),
    /// each phrase to the routine it names: one time at a time, so a new time is the routine's new value. Routines done
    /// at several times a day ("I take my pills at 8am", "I feed the cats at 5pm") are not here.</summary>
    public static readonly IReadOnlyDictionary<string, string> DailyRoutines = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["wake up"] = "wake", ["wakes up"] = "wake", ["wake"] = "wake", ["wakes"] = "wake", ["get up"] = "get up",
        ["gets up"] = "get up", ["go to bed"] = "bed", ["goes to bed"] = "bed", ["go to sleep"] = "sleep",
        ["goes to sleep"] = "sleep", ["fall asleep"] = "asleep", ["falls asleep"] = "asleep",
    };

    /// <summary>Words that say how regularly a routine happens without narrowing when ("I usually wake up at 6", "every
    /// day"): no part of the routine's slot, unlike "on weekdays" or "in summer".</summary>
    public static readonly IReadOnlySet<string> RoutineAdverbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "usually", "normally", "always", "generally", "typically", "mostly", "every", "each", "daily", "day", "days",
        "tend", "tends",
    };

    /// <summary>Words that say a routine's time is not its daily one ("I often wake up at 3am", "sometimes I go to bed
    /// at 2am"): such a time is a fact beside the usual one, never its new value.</summary>
    public static readonly IReadOnlySet<string> OccasionalAdverbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "often", "sometimes", "occasionally", "rarely", "seldom", "frequently", "sometime", "once", "twice",
    };

    /// <summary>Nouns of a place someone is or lives in ("in the city centre", "in a small village near Oxford", "the
    /// north of England", "the countryside"), beside places named by a name: a new one, said to hold now, is where
    /// someone is now ("My brother is in Leeds" / "My brother is in the city centre now"). Not where one belongs or
    /// what one does ("in a band", "in the army", "in hospital", "in a shared flat").</summary>
    public static readonly IReadOnlySet<string> PlaceNouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "city", "center", "town", "village", "countryside", "suburbs", "suburb", "outskirts", "area", "region", "county",
        "country", "state", "province", "capital", "coast", "seaside", "mountains", "hills", "north", "south", "east",
        "west", "midlands", "neighborhood", "district", "borough", "island", "highlands", "lowlands", "abroad", "overseas",
    };

    /// <summary>Relations of anyone that hold one value whatever words it is said in: where and when they were born.</summary>
    public static readonly IReadOnlySet<string> SingleValuedRelations = new HashSet<string>(StringComparer.Ordinal)
    {
        "born in", "born on", "expires in", "weighs", "costs", "takes", "lasts", "ends in",
    };

    /// <summary>Words that say how often or when a statement holds, which a broader negation of it covers ("I drink
    /// coffee every morning" is ended by "I no longer drink coffee").</summary>
    public static readonly IReadOnlySet<string> FrequencyWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "every", "each", "daily", "weekly", "monthly", "yearly", "usually", "always", "often", "sometimes", "regularly",
        "normally", "generally", "mostly", "day", "week", "month", "year", "night", "nights", "times", "time",
    };

    /// <summary>The user's own attributes that hold one value whatever words it is said in (<see cref="SelfRelations"/>
    /// and the copula slots): a new value replaces the old one even where a sentence model finds the two texts unlike
    /// ("I'm vegetarian" / "I'm vegan", "I'm single" / "I'm married now"). Where the user lives, works, what as, where they
    /// study and how many of a thing they have still need a changed detail, the caller's similarity or a word that says
    /// the value holds now ("I work as a lawyer now"): "I live in London" and "I live in a flat" are both true, and "I work
    /// as a nurse" and "I work as a volunteer on Sundays".</summary>
    public static readonly IReadOnlySet<string> SingleValuedSelfAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "age", "height", "weight", "birthplace", "birthday", "diet", "relationship", "pregnancy",
    };

    /// <summary>Head words that name an attribute holding one value at a time ("my favourite author", "my shoe size",
    /// "my dog's name"): a head with one of these is a single-valued slot, so any new value replaces the old one, in
    /// whatever words it is said. Heads naming a person or a thing ("my brother", "my car") are not: "My brother is a
    /// lawyer" and "My brother is married" are two facts.</summary>
    public static readonly IReadOnlySet<string> AttributeNouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "favorite", "favorites", "name", "nickname", "surname", "birthday", "age", "height", "weight", "size", "code",
        "number", "address", "type", "color", "salary", "wage", "rent", "mortgage", "budget", "pin", "postcode",
        "zipcode", "model", "brand", "occupation", "job", "religion", "nationality", "starsign",
    };

    /// <summary>Labels of a diet, one at a time ("I'm vegetarian" / "I'm vegan now"); a diet "on a keto diet" is read too.</summary>
    public static readonly IReadOnlySet<string> DietWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "vegetarian", "vegan", "pescatarian", "pescetarian", "omnivore", "carnivore", "flexitarian", "keto", "paleo",
        "vegetarians", "vegans", "pescatarians",
    };

    /// <summary>A relationship status, one at a time ("I'm single" / "I'm married now").</summary>
    public static readonly IReadOnlySet<string> RelationshipWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "single", "married", "divorced", "engaged", "widowed", "separated", "remarried",
    };

    /// <summary>Words that say the statement now holds instead of what held before ("I go to the gym on Tuesdays
    /// now", "... instead"): the same statement with another date, time or number is the new value.</summary>
    /// <summary>Words a number after which names a thing rather than counts it ("bus 42", "Omega 3", "vitamin D",
    /// "type 2", "room 12"): another number there is another thing.</summary>
    public static readonly IReadOnlySet<string> NumberedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "bus", "route", "line", "platform", "gate", "room", "flight", "omega", "vitamin", "channel", "version", "track",
        "terminal", "seat", "table", "ward", "bay", "unit", "block", "pier", "zone", "lane", "exit", "junction", "chapter",
        "season", "episode", "series", "model", "level", "grade", "class", "form", "stage", "step", "type", "tier", "court",
        "floor", "apartment", "flat", "locker", "desk", "pitch", "number", "no",
    };

    /// <summary>Verbs of a one-off arrangement: "I've booked a table for 4" then "... for 2" may be two bookings.</summary>
    public static readonly IReadOnlySet<string> OneOffVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "booked", "reserved", "ordered", "scheduled", "arranged", "planned", "invited", "bought",
    };

    public static readonly IReadOnlySet<string> ChangeMarkers = new HashSet<string>(StringComparer.Ordinal)
    {
        "now", "instead", "nowadays", "currently", "anymore",
    };

    /// <summary>Contractions of a subject and its verb, written out ("I'm" is "I am", "we've" is "we have"), so a
    /// contraction never makes two statements of a fact differ ("we're" is not the past "were").</summary>
    public static readonly IReadOnlyDictionary<string, string> SubjectContractions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["i m"] = "am", ["i ve"] = "have", ["i ll"] = "will", ["i d"] = "would", ["we re"] = "are", ["we ve"] = "have",
        ["we ll"] = "will", ["we d"] = "would", ["you re"] = "are", ["you ve"] = "have", ["they re"] = "are",
        ["they ve"] = "have",
    };

    /// <summary>Negative contractions and the auxiliary they negate, for the normalised key ("don't" and "do not",
    /// "can't" and "cannot" read alike; "wasn't" stays the past).</summary>
    public static readonly IReadOnlyDictionary<string, string> NegativeContractions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dont"] = "do", ["doesnt"] = "does", ["didnt"] = "did", ["isnt"] = "is", ["arent"] = "are", ["wasnt"] = "was",
        ["werent"] = "were", ["cant"] = "can", ["cannot"] = "can", ["wont"] = "will", ["wouldnt"] = "would",
        ["couldnt"] = "could", ["shouldnt"] = "should", ["hasnt"] = "has", ["havent"] = "have", ["hadnt"] = "had",
        ["mustnt"] = "must", ["neednt"] = "need",
    };

    /// <summary>British and American spellings of one word, read as one ("favourite" / "favorite", "colour" / "color").</summary>
    public static readonly IReadOnlyDictionary<string, string> Spellings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["favourite"] = "favorite", ["favourites"] = "favorites", ["colour"] = "color", ["colours"] = "colors",
        ["neighbourhood"] = "neighborhood", ["neighbourhoods"] = "neighborhoods",
        ["neighbour"] = "neighbor", ["neighbours"] = "neighbors", ["centre"] = "center", ["centres"] = "centers",
        ["theatre"] = "theater", ["theatres"] = "theaters", ["grey"] = "gray", ["organise"] = "organize",
        ["organised"] = "organized", ["realise"] = "realize", ["travelling"] = "traveling", ["travelled"] = "traveled",
        ["programme"] = "program", ["programmes"] = "programs", ["jewellery"] = "jewelry", ["licence"] = "license",
        ["practise"] = "practice", ["behaviour"] = "behavior", ["humour"] = "humor", ["flavour"] = "flavor",
        ["flavours"] = "flavors", ["labour"] = "labor", ["harbour"] = "harbor", ["honour"] = "honor",
        ["yoghurt"] = "yogurt", ["pyjamas"] = "pajamas", ["catalogue"] = "catalog", ["analyse"] = "analyze",
        ["apologise"] = "apologize", ["cosy"] = "cozy", ["mould"] = "mold", ["plough"] = "plow", ["storey"] = "story",
        ["aluminium"] = "aluminum", ["moustache"] = "mustache", ["defence"] = "defense", ["offence"] = "offense",
        ["paediatrician"] = "pediatrician", ["anaemia"] = "anemia", ["oestrogen"] = "estrogen", ["foetus"] = "fetus",
    };

    /// <summary>Words that name one member of a closed set of kinds (a relative, an animal, a food, a drink, a
    /// language, a colour, an instrument, a sport, a condition, a medicine), each to its canonical member: one member
    /// said in place of another is another fact, however alike the sentences ("my aunt taught me chess" / "my uncle
    /// ..."; "allergic to milk, eggs and wheat" / "... and soy"), like a changed number or name. Synonyms and plurals
    /// share a member ("mum", "mom", "mother"; "kids", "children"; "kitten", "cat").</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = KindsOf(
        // Relatives and the people around the user.
        "mother: mom mum mommy mummy mama", "father: dad daddy papa", "parent", "sister", "brother", "sibling",
        "son", "daughter", "child: children kid kids", "wife: wives", "husband", "aunt: auntie aunty", "uncle",
        "cousin", "niece", "nephew", "grandmother: grandma granny gran nan nana", "grandfather: grandpa grandad granddad",
        "grandson", "granddaughter", "grandchild: grandchildren grandkid grandkids", "grandparent", "boyfriend",
        "girlfriend", "fiance: fiancee", "stepmother: stepmom stepmum", "stepfather: stepdad", "stepson",
        "stepdaughter", "friend", "neighbor", "colleague: coworker coworkers", "roommate: flatmate flatmates housemate housemates",
        // Animals and pets.
        "cat: kitten kitty", "dog: puppy puppies pup", "rabbit: bunny bunnies", "hamster", "gerbil", "parrot", "budgie",
        "canary", "bird", "fish: fishes", "goldfish", "turtle", "tortoise", "snake", "lizard", "gecko", "iguana",
        "horse", "pony: ponies", "donkey", "cow", "pig", "sheep", "goat", "chicken: hen hens", "duck", "goose: geese",
        "ferret", "rat", "mouse: mice", "spider", "bee", "wasp", "shark", "frog", "hedgehog", "chinchilla", "cockatiel",
        // Foods and what people are allergic to.
        "peanut", "nut", "almond", "cashew", "walnut", "hazelnut", "pecan", "pistachio", "sesame", "soy: soya",
        "wheat", "gluten", "dairy", "milk", "lactose", "egg", "shellfish", "shrimp: prawn prawns", "crab", "lobster",
        "mustard", "celery", "apple", "pear", "banana", "orange", "grape", "strawberry: strawberries",
        "blueberry: blueberries", "raspberry: raspberries", "cherry: cherries", "kiwi", "mango: mangoes", "pineapple",
        "peach: peaches", "plum", "lemon", "lime", "melon", "watermelon", "avocado", "tomato: tomatoes",
        "potato: potatoes", "carrot", "pea", "bean", "broccoli", "spinach", "onion", "garlic", "mushroom", "pepper",
        "cucumber", "zucchini: courgette courgettes", "eggplant: aubergine aubergines", "lettuce", "cabbage", "corn",
        "olive", "beef", "pork", "lamb", "turkey", "bacon", "ham", "sausage", "tofu", "salmon", "tuna", "cheese",
        "butter", "yogurt", "cream", "rice", "pasta", "bread", "noodle", "oat", "porridge", "pizza", "sushi", "curry: curries",
        "lasagna: lasagne", "burger", "ramen", "taco", "chocolate", "honey", "jam", "sugar", "breakfast", "lunch",
        "dinner",
        // Drinks.
        "tea", "coffee", "water", "juice", "wine", "beer", "cider", "whisky: whiskey", "vodka", "gin", "rum", "tequila",
        "lemonade", "cola: coke", "soda", "latte", "cappuccino", "espresso", "americano", "mocha", "smoothie: smoothies",
        "kombucha", "champagne", "prosecco",
        // Languages and cuisines.
        "english", "french", "german", "spanish", "italian", "portuguese", "dutch", "russian", "polish", "ukrainian",
        "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "hindi", "urdu", "bengali", "punjabi",
        "turkish", "greek", "swedish", "norwegian", "danish", "finnish", "hebrew", "welsh", "gaelic", "latin", "thai",
        "vietnamese", "indonesian", "swahili", "tagalog", "persian: farsi", "mexican", "indian",
        // Colours.
        "red", "blue", "green", "yellow", "purple", "pink", "black", "white", "gray", "brown", "navy", "teal", "beige",
        "silver", "gold",
        // Instruments, sports and games, kinds of music.
        "guitar", "piano", "violin", "cello", "drum", "flute", "saxophone: sax", "trumpet", "clarinet", "ukulele", "harp",
        "viola", "trombone", "harmonica", "accordion", "football", "soccer", "tennis", "golf", "rugby", "cricket",
        "basketball", "baseball", "hockey", "volleyball", "badminton", "squash", "netball", "yoga", "pilates", "karate",
        "judo", "padel", "gymnastics", "marathon", "triathlon", "chess", "jazz", "blues", "rock", "pop", "classical",
        "metal", "punk", "reggae", "soul", "techno", "rap", "opera",
        // Conditions and medicines.
        "asthma", "diabetes", "eczema", "arthritis", "migraine", "epilepsy", "psoriasis", "anxiety", "depression", "adhd",
        "autism", "dyslexia", "celiac: coeliac", "hypertension", "insomnia", "ibuprofen", "paracetamol: acetaminophen",
        "aspirin", "penicillin", "amoxicillin", "metformin", "insulin", "lisinopril", "statin", "antihistamine",
        "melatonin", "levothyroxine", "sertraline", "citalopram", "escitalopram", "fluoxetine", "venlafaxine", "mirtazapine",
        "omeprazole", "lansoprazole", "amlodipine", "atorvastatin", "simvastatin", "ramipril", "bisoprolol", "propranolol",
        "warfarin", "apixaban", "prednisolone", "salbutamol: ventolin", "codeine", "naproxen", "cetirizine", "loratadine",
        "gabapentin");

    /// <summary>Plurals that do not end in "s", for the kind of thing a count names ("one child" / "two children").</summary>
    public static readonly IReadOnlyDictionary<string, string> IrregularPlurals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["people"] = "person", ["men"] = "man", ["women"] = "woman", ["teeth"] = "tooth", ["feet"] = "foot",
    };

    /// <summary>A word as de-duplication reads it: one spelling of British and American ones.</summary>
    public static string Spelling(string lower) => Spellings.TryGetValue(lower, out var us) ? us : lower;

    /// <summary>A word as a slot's head and the prefilter read it: one spelling, and a kind's canonical member.</summary>
    public static string Canonical(string lower)
    {
        var word = Spelling(lower);
        return Kinds.TryGetValue(word, out var kind) ? kind : IrregularPlurals.TryGetValue(word, out var single) ? single : word;
    }

    /// <summary>Entries "member: synonym synonym", each with its plural ("-s", "-es", "-ies").</summary>
    private static Dictionary<string, string> KindsOf(params string[] entries)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var member = colon < 0 ? entry : entry[..colon];
            var words = colon < 0 ? [member] : entry[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend(member);
            foreach (var word in words)
            {
                kinds.TryAdd(word, member);
                kinds.TryAdd(Plural(word), member);
            }
        }

        return kinds;
    }

    private static string Plural(string word) =>
        word.EndsWith('y') && word.Length > 2 && !"aeiou".Contains(word[^2], StringComparison.Ordinal) ? word[..^1] + "ies"
        : word.EndsWith('s') || word.EndsWith('x') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal) ? word + "es"
        : word + "s";

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
