using Memory.Text;

namespace Memory.Dedup;

/// <summary>A fact read as "head relation value" ("my locker code | is | 4417", "Alice | lives in | Lyon"): the
/// head (subject and attribute) names the slot, the value fills it. Only heads that name something in particular
/// make a slot (not "I" or "the user" alone, so "I am a nurse" and "I am a runner" stay two facts), except the
/// user's own single-valued attributes (<see cref="SelfSlot"/>): age ("I am 34" / "I'm 35"), height, weight, where
/// they live, work and were born, and how many of one thing they have ("I have two cats" / "three cats").
/// <see cref="SingleValued"/> slots hold one value whatever words it is said in: an attribute named in the head ("my
/// favourite author", "my shoe size") or one of the user's (<see cref="DedupLexicon.SingleValuedSelfAttributes"/>).</summary>
internal sealed record SlotShape(string Head, string Template, string Value, bool SingleValued = false, bool Predicative = false)
{
    /// <summary>What kind of value fills the slot, coarsely: each run of words ("w") or of details in order, a run of
    /// details by what it holds (<see cref="SlotValue.RunLabel"/>): "London" is "#N", "a shared flat" "w", "3 May" "#d", "1990"
    /// "#", "20 minutes" "#u:duration"; a value that says where the value is kept rather than the value ("on my CV", "in
    /// my notes app", "written on a note") starts with "@". A value said "in any words" replaces another only when it
    /// is of the same kind (<see cref="SameKind"/>: "I live in London" / "I currently live in a shared flat" are two
    /// facts; "my birthday is on 3 May" / "my birthday is coming up next week" too).</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The value says one of many things of its kind ("friends with Melanie", "a fan of Muse", "allergic to
    /// Calpol", "a member of the Scouts"): another name in the same words is another fact, not the slot's new value.</summary>
    public bool ManyValued { get; init; }

    /// <summary>The value is a place someone is or lives in: a name ("in Leeds", "the Lake District") or a place noun ("in
    /// the city centre", "a village near Oxford", <see cref="DedupLexicon.PlaceNouns"/>), after a copula with "in" or
    /// "at", or after "lives in" / "moved to". Said to hold now, one place replaces another whatever its words (<see
    /// cref="SlotValue.IsPlace"/>).</summary>
    public bool Place { get; init; }

    /// <summary>The place (<see cref="Place"/>) is named: it holds a proper name ("Leeds", "a village near Malaga"), or
    /// says it is elsewhere altogether ("abroad"). A place with no name ("the suburbs", "the city centre") may lie within a
    /// named one, so it is no new value of it (eighteenth session).</summary>
    public bool PlaceNamed { get; init; }

    /// <summary>Whether this place only narrows or leaves vague where <paramref name="older"/> named: it names no place
    /// while the older one did ("My sister lives in Leeds" / "... in the suburbs now" may be both true).</summary>
    public bool Vaguer(SlotShape older) => Place && older.Place && older.PlaceNamed && !PlaceNamed;

    /// <summary>Whether the two values are of one shape: the same words, and runs of details of one kind each
    /// (<see cref="SlotValue.Same"/>). "Born in 1990" and "born in Leeds", "20 minutes" and "12 miles", "on Monday" and "at
    /// 3pm" are not; "34" and "35 years", "at 10" and "at 10am" are.</summary>
    public bool SameTemplate(SlotShape other) => SlotValue.Same(Template, other.Template);

    /// <summary>Whether the two values are of one kind (<see cref="Kind"/>), runs of details compared as in
    /// <see cref="SameTemplate"/>.</summary>
    public bool SameKind(SlotShape other) => SlotValue.Same(Kind, other.Kind);

    /// <summary>The words of the head's subject ("my work phone number" of "my work phone number | is"; "user" of a
    /// slot of the user's own).</summary>
    public IReadOnlyList<string> SubjectWords => Head[..Head.IndexOf(" | ", StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private const int MaxHeadWords = 6;

    /// <summary>How the head of a slot of the user's own begins ("user | age").</summary>
    public const string SelfHead = "user | ";

    /// <summary>How the head of a slot of the user's household begins ("we | count child", "we | home").</summary>
    public const string HouseholdHead = "we | ";

    /// <summary>Whether a head is one of the user's own or the household's attributes.</summary>
    public static bool IsSelf(string head) =>
        head.StartsWith(SelfHead, StringComparison.Ordinal) || head.StartsWith(HouseholdHead, StringComparison.Ordinal);

    public static SlotShape? Of(IReadOnlyList<FactToken> tokens)
    {
        // "Actually my daughter is 7", "Correction: my locker code is 5520": the opening word is no part of the head.
        var start = 0;
        while (start < tokens.Count - 2 && IsOpening(tokens[start].Lower))
        {
            start++;
        }

        if (start > 0)
        {
            tokens = tokens.Skip(start).ToList();
        }

        tokens = Possessor(tokens);
        if (SelfSlot(tokens) is { } self)
        {
            return self;
        }

        if (RoutineSlot(tokens) is { } routine)
        {
            return routine;
        }

        for (var i = 1; i <= Math.Min(MaxHeadWords, tokens.Count - 2); i++)
        {
            var relationLength = RelationAt(tokens, i);
            if (relationLength == 0)
            {
                continue;
            }

            // "My new passport expires in ...", "my daughter just turned 6": a word that only says the value is new is
            // no part of the head ("my passport").
            var head = tokens.Take(i).Where(t => !(t.Class == TokenClass.Word && IsHeadFiller(t.Lower))).ToList();
            if (!head.Exists(t => t.Class is TokenClass.Name or TokenClass.Number or TokenClass.Kind ||
                                  (t.Class == TokenClass.Word && !EnglishStopWords.Contains(t.Lower) && !DedupLexicon.VagueHeads.Contains(t.Lower))))
            {
                return null;
            }

            var value = tokens.Skip(i + relationLength).ToList();
            if (value.Count == 0)
            {
                return null;
            }

            // "My sister moved to York" gives "My sister lives in Leeds" its new value; "mum" and "mother" are one head.
            var relation = string.Join(' ', tokens.Skip(i).Take(relationLength).Select(t => t.Lower));
            if (DedupLexicon.MoveRelations.Contains(relation))
            {
                value = WithoutWhen(value);
            }

            relation = DedupLexicon.RelationSynonyms.GetValueOrDefault(relation, relation);
            var content = value.Where(t => t.Class != TokenClass.Word || !EnglishStopWords.Contains(t.Lower)).ToList();
            var singleValued = head.Exists(t => DedupLexicon.AttributeNouns.Contains(t.Lower)) || DedupLexicon.SingleValuedRelations.Contains(relation);

            // "Caroline is ...", "my sister is ...": a copula after a head that only says who (a name, a relative, a
            // pet) describes them; what follows is no value of one attribute ("is a nurse" and "is learning the piano"
            // are two facts), unlike "my locker code is ..." or "Caroline lives in ...".
            var predicative = relationLength == 1 && DedupLexicon.Copulas.Contains(relation) &&
                !head.Exists(t => t.Class == TokenClass.Number ||
                                  (t.Class == TokenClass.Word && !EnglishStopWords.Contains(t.Lower) && !DedupLexicon.VagueHeads.Contains(t.Lower)));
            var reference = SlotValue.IsReference(value);

            // "Caroline is in Leeds" says where she is, "my daughter is at Oxford" where she studies or works: a name
            // after "in" is no new value of a name after "at".
            var at = predicative && value.Count > 1 && value[0].Lower is "in" or "at" &&
                     value.Skip(1).FirstOrDefault(t => !DedupLexicon.Determiners.Contains(t.Lower)).Class == TokenClass.Name
                ? value[0].Lower + " "
                : string.Empty;
            return new SlotShape(string.Join(' ', head.Select(t => t.Class == TokenClass.Kind ? t.Value : t.Lower)) + " | " + relation,
                at + SlotValue.Shape(content, reference), Bag(content.Select(t => t.Value ?? PorterStemmer.Stem(t.Lower))), singleValued, predicative && !singleValued)
            {
                Kind = at + SlotValue.Kind(content, reference),
                ManyValued = content.Exists(t => t.Class is TokenClass.Word or TokenClass.Kind && DedupLexicon.ManyValuedWords.Contains(t.Lower)),
                Place = !reference && SlotValue.IsPlace(value, afterPreposition: relation is "lives in" or "based in"),
                PlaceNamed = SlotValue.NamesPlace(value),
            };
        }

        return null;
    }

    /// <summary>The user's own single-valued attributes, said of "I" or "the user": age ("I'm 34", "the user is 34
    /// years old"), height ("I am 1.80 m tall"), weight ("I weigh 80 kg"), a count of one kind of thing ("I have two
    /// cats"; the kind is part of the head, so "three dogs" is another slot), and where the user lives, works, works
    /// as or was born ("I live in Lyon" / "I live in Paris"). A text that says its value comes in addition ("also",
    /// "too", "another"...) is no slot: it stands beside the current value.</summary>
    private static SlotShape? SelfSlot(IReadOnlyList<FactToken> tokens)
    {
        int start;
        var copula = false;
        var subject = SelfHead;
        if (tokens.Count > 1 && tokens[0].Lower is "i" or "im")
        {
            start = 1;
            copula = tokens[0].Lower == "im";
        }
        else if (tokens.Count > 2 && tokens[0].Lower == "the" && tokens[1].Lower == "user")
        {
            start = 2;
        }
        else if (tokens.Count > 1 && tokens[0].Lower == "we")
        {
            // The household: "we have two children", "we live in Leeds" / "we've moved to York".
            start = 1;
            subject = HouseholdHead;
        }
        else
        {
            return null;
        }

        if (tokens.Any(t => DedupLexicon.AdditionWords.Contains(t.Lower)))
        {
            return null;
        }

        // "I have 2 kids now", "I'm 35 now", "I've just moved to York": a word that only says the statement holds
        // today is not part of it.
        var rest = tokens.Skip(start).Where(t => t.Lower is not ("now" or "currently" or "today" or "nowadays" or "just" or "recently" or "still")).ToList();
        if (!copula && rest.Count > 1 && (rest[0].Lower is "am" or "is" or "are" || (rest[0].Lower == "turned" && rest[1].Class == TokenClass.Number)))
        {
            copula = true;
            rest = rest.Skip(1).ToList();
        }

        if (rest.Count > 2 && ((rest[0].Lower == "was" && rest[1].Lower == "born") || (rest[0].Lower is "have" or "has" && rest[1].Lower == "moved")))
        {
            // "I was born on 12 May", "I've moved to Edinburgh".
            rest = rest.Skip(1).ToList();
        }

        if (copula && Status(rest) is { } status)
        {
            return Self(subject, status.Attribute, status.Value);
        }

        if (copula && rest.Count > 0 && rest[0].Class == TokenClass.Number)
        {
            // "34", "34 years old", "35 now", "1.80 m tall".
            var words = rest.Where(t => t.Class == TokenClass.Word).Select(t => t.Lower).ToList();
            var details = rest.Where(t => t.Class != TokenClass.Word).ToList();
            if (details.Exists(t => t.Class is not (TokenClass.Number or TokenClass.Unit)))
            {
                return null;
            }

            // The unit says what is measured: "I am 5 ft 10" is a height, not an age; a unit of anything else is no slot.
            var units = details.Where(t => t.Class == TokenClass.Unit).Select(t => t.Value ?? t.Lower).ToList();
            var attribute = words.Contains("pregnant") && units.TrueForAll(u => u is "month" or "week") ? "pregnancy"
                : words.Contains("tall") || units.Exists(DedupLexicon.LengthUnits.Contains) ? "height"
                : words.Contains("heavy") || units.Exists(DedupLexicon.WeightUnits.Contains) ? "weight"
                : units.TrueForAll(u => u is "year" or "month" or "week" or "day") ? "age" : null;
            if (attribute is null)
            {
                return null;
            }

            if (!words.TrueForAll(w => w is "years" or "year" or "yrs" or "yr" or "old" or "yo" or "now" or "tall" or "heavy" or "of" or "age" or "pregnant"))
            {
                return null;
            }

            return Self(subject, attribute, details);
        }

        if (rest.Count > 1 && rest[0].Lower is "weigh" or "weighs" && rest.Skip(1).Any(t => t.Class == TokenClass.Number))
        {
            return Self(subject, "weight", rest.Skip(1).ToList());
        }

        if (rest.Count is 3 or 4 && rest[0].Lower is "have" or "has" && rest[1].Class == TokenClass.Number &&
            rest.Skip(2).All(t => t.Class is TokenClass.Word or TokenClass.Kind && !EnglishStopWords.Contains(t.Lower)))
        {
            // The kind of thing counted is part of the head: "two cats" and "three cats" are one slot, "two dogs" another;
            // "one child" and "two children" one.
            return Self(subject, "count " + string.Join(' ', rest.Skip(2).Select(CountedWord)), rest.Skip(1).ToList());
        }

        if (rest.Count > 1 && rest[0].Lower is "live" or "lives" or "living" or "moved" or "move" or "relocated" && rest[1].Lower is "abroad" or "overseas")
        {
            // "I live abroad now": elsewhere altogether is a home (nineteenth session).
            return Self(subject, "home", rest.Skip(1).ToList());
        }

        if (SchoolRelationLength(rest, 0) is > 0 and var school)
        {
            return Self(subject, "school", rest.Skip(school).ToList());
        }

        if (rest.Count > 2 && DedupLexicon.SelfRelations.TryGetValue(rest[0].Lower + " " + rest[1].Lower, out var relation) &&
            !rest.Skip(2).Where(t => !EnglishStopWords.Contains(t.Lower)).Take(1).Any(t => DedupLexicon.WhenOrWhereWords.Contains(t.Lower)))
        {
            // "I work at night" / "at weekends" / "at home" says when or where, not for whom: no employer slot.
            var value = rest.Skip(2).ToList();
            if (relation == "workplace" && value.Where(t => !EnglishStopWords.Contains(t.Lower) && !IsFiller(t.Lower)).ToList() is { Count: > 0 } said &&
                said.All(t => DedupLexicon.WorkFields.Contains(t.Lower)))
            {
                return null; // "works in Finance": a field, no place of work
            }

            return Self(subject, relation, DedupLexicon.MoveRelations.Contains(rest[0].Lower + " " + rest[1].Lower) ? WithoutWhen(value) : value);
        }

        return null;
    }

    private static SlotShape? Self(string subject, string attribute, List<FactToken> value)
    {
        var content = value.Where(t => t.Class != TokenClass.Word || (!EnglishStopWords.Contains(t.Lower) && !IsFiller(t.Lower))).ToList();
        var reference = SlotValue.IsReference(value);
        return content.Count == 0
            ? null
            : new SlotShape(subject + attribute, SlotValue.Shape(content, reference), Bag(content.Select(t => t.Value ?? PorterStemmer.Stem(t.Lower))),
                DedupLexicon.SingleValuedSelfAttributes.Contains(attribute))
            {
                // A diet or a relationship status is one kind of value whatever its words ("a Mediterranean diet",
                // "single", which also reads as a number).
                Kind = attribute is "diet" or "relationship" ? "status" : SlotValue.Kind(content, reference),
                Place = attribute is "home" or "workplace" && !reference && SlotValue.IsPlace(value, afterPreposition: true),
                PlaceNamed = SlotValue.NamesPlace(value),
            };
    }

    /// <summary>A diet ("vegetarian", "a vegan", "on a keto diet") or a relationship status ("single", "married to
    /// Tom") said with a copula, as the attribute and its value; null for anything else, or a negated one (which the
    /// rule reads as the statement negated).</summary>
    private static (string Attribute, List<FactToken> Value)? Status(List<FactToken> rest)
    {
        if (rest.Exists(t => t.Class == TokenClass.Negation))
        {
            return null;
        }

        if (rest.Count > 2 && rest[0].Lower == "on" && rest[^1].Lower == "diet")
        {
            return ("diet", rest.Skip(1).Take(rest.Count - 2).ToList());
        }

        var at = rest.FindIndex(t => !EnglishStopWords.Contains(t.Lower) && t.Lower is not ("strict" or "strictly" or "fully" or "happily"));
        if (at < 0)
        {
            return null;
        }

        // Only the status itself is the value ("vegetarian", "married to Tom"): "I'm vegetarian and allergic to peanuts"
        // or "I'm engaged in a lawsuit" say more than a status, and a later status must not replace all of it.
        var first = rest[at];
        var more = rest.Skip(at + 1).Where(t => !(t.Class == TokenClass.Word && (EnglishStopWords.Contains(t.Lower) || IsFiller(t.Lower)))).ToList();
        return DedupLexicon.DietWords.Contains(first.Lower) && more.Count == 0 ? ("diet", rest)
            : DedupLexicon.RelationshipWords.Contains(first.Lower) && more.TrueForAll(t => t.Class == TokenClass.Name) ? ("relationship", rest)
            : null;
    }

    /// <summary>"The user's sister" is "my sister": a memory written in the third person (as write-back states facts)
    /// and one in the first (as a user or a feature said it) name one slot, so "My sister moved to York" gives "The
    /// user's sister lives in Leeds" its new value.</summary>
    private static IReadOnlyList<FactToken> Possessor(IReadOnlyList<FactToken> tokens)
    {
        var length = FactText.PossessorLength(tokens);
        return length == 0 ? tokens : [new FactToken("my", TokenClass.Word, null), .. tokens.Skip(length)];
    }

    /// <summary>A routine done once a day, said with its time (<see cref="DedupLexicon.DailyRoutines"/>): "I wake up at
    /// 6", "the user gets up at 6:30am on weekdays", "my son goes to bed at 7pm". The head is who, the routine and what
    /// narrows when ("on weekdays", "in summer"; not "usually", "every day"), the value the time, so "I wake up at 6" /
    /// "I wake up at 7am" is the routine's new time, while "I wake up at 6 on weekdays" / "I wake up at 9 at weekends"
    /// are two facts. Null when no time follows "at", "around" or "by", or the text is negated, said in addition or of a
    /// time that is not the daily one ("I often wake up at 3am").</summary>
    private static SlotShape? RoutineSlot(IReadOnlyList<FactToken> tokens)
    {
        for (var i = 1; i <= Math.Min(MaxHeadWords, tokens.Count - 3); i++)
        {
            var (length, routine) = RoutineAt(tokens, i);
            if (length == 0)
            {
                continue;
            }

            var subject = tokens.Take(i).Where(t => t.Lower is not ("usually" or "normally" or "always" or "generally" or "typically" or "now" or "currently" or "mostly")).ToList();
            string? head = subject is [{ Lower: "i" }] ? SelfHead
                : subject is [{ Lower: "the" }, { Lower: "user" }] ? SelfHead
                : subject is [{ Lower: "we" }] ? HouseholdHead
                : subject.Count > 0 && subject.Exists(t => t.Class is TokenClass.Name or TokenClass.Kind ||
                                                           (t.Class == TokenClass.Word && !EnglishStopWords.Contains(t.Lower) && !DedupLexicon.VagueHeads.Contains(t.Lower)))
                    ? string.Join(' ', subject.Select(t => t.Class == TokenClass.Kind ? t.Value : t.Lower)) + " | "
                    : null;
            var rest = tokens.Skip(i + length).ToList();
            if (head is null || tokens.Any(t => t.Class == TokenClass.Negation || DedupLexicon.AdditionWords.Contains(t.Lower) ||
                                              DedupLexicon.OccasionalAdverbs.Contains(t.Lower)))
            {
                return null;
            }

            var at = rest.FindIndex(t => t.Lower is "at" or "around" or "by" or "about");
            if (at < 0 || at + 1 >= rest.Count || rest[at + 1].Class is not (TokenClass.Number or TokenClass.Time))
            {
                return null;
            }

            // The time ("6", "6am", "6:30", "6 in the morning") is the value; every other word that says when is the head's.
            var hour = rest.Skip(at + 1).TakeWhile(t => t.Class == TokenClass.Number).Count();
            bool InValue(int k) => (k > at && k <= at + hour) || rest[k].Class == TokenClass.Time;
            var value = rest.Where((_, k) => InValue(k)).ToList();
            var narrows = rest.Where((t, k) => k != at && !InValue(k) &&
                    !(t.Class == TokenClass.Word && (EnglishStopWords.Contains(t.Lower) || IsFiller(t.Lower))) &&
                    !DedupLexicon.RoutineAdverbs.Contains(t.Lower) && !DedupLexicon.ChangeMarkers.Contains(t.Lower))
                .Select(t => t.Class == TokenClass.Word ? PorterStemmer.Stem(t.Lower) : t.Value ?? t.Lower);
            return new SlotShape(string.Join(' ', new[] { head + routine }.Concat(narrows)), SlotValue.Shape(value, reference: false),
                Bag(value.Select(t => t.Value ?? t.Lower)), SingleValued: true)
            {
                Kind = SlotValue.Kind(value, reference: false),
            };
        }

        return null;
    }

    /// <summary>The length of a daily routine's phrase at <paramref name="i"/> and the routine it names, or 0.</summary>
    private static (int Length, string Routine) RoutineAt(IReadOnlyList<FactToken> tokens, int i)
    {
        for (var length = 3; length >= 1; length--)
        {
            if (i + length <= tokens.Count &&
                DedupLexicon.DailyRoutines.TryGetValue(string.Join(' ', tokens.Skip(i).Take(length).Select(t => t.Lower)), out var routine))
            {
                return (length, routine);
            }
        }

        return (0, string.Empty);
    }

    /// <summary>The place a move names, without when it happened ("York last month", "the Lake District in 2019", "Leeds
    /// two years ago" are "York", "the Lake District", "Leeds"): a move's date is no part of the home it gives.</summary>
    private static List<FactToken> WithoutWhen(List<FactToken> value)
    {
        var end = value.FindIndex(1, t => t.Class is TokenClass.Date or TokenClass.Time or TokenClass.Number or TokenClass.Unit ||
                                         (t.Class == TokenClass.Word && DedupLexicon.WhenWords.Contains(t.Lower)));
        return end > 0 ? value.Take(end).ToList() : value;
    }

    /// <summary>The kind of thing a count names, singular: "cats" is "cat", "children" "child", "people" "person".</summary>
    private static string CountedWord(FactToken token) =>
        token.Class == TokenClass.Kind ? token.Value! : DedupLexicon.IrregularPlurals.GetValueOrDefault(token.Lower) ?? PorterStemmer.Stem(token.Lower);

    private static int RelationAt(IReadOnlyList<FactToken> tokens, int i)
    {
        if (tokens[i].Class != TokenClass.Word)
        {
            return 0;
        }

        if (i + 2 < tokens.Count && DedupLexicon.Relations.Contains(tokens[i].Lower + " " + tokens[i + 1].Lower + " " + tokens[i + 2].Lower))
        {
            return 3; // "went up to"
        }

        if (i + 1 < tokens.Count && DedupLexicon.Relations.Contains(tokens[i].Lower + " " + tokens[i + 1].Lower))
        {
            return 2;
        }

        if (SchoolRelationLength(tokens, i) is > 0 and var school)
        {
            return school;
        }

        return DedupLexicon.Copulas.Contains(tokens[i].Lower) ? 1
            : DedupLexicon.MeasureRelations.Contains(tokens[i].Lower) && Measures(tokens, i) ? 1
            : 0;
    }

    /// <summary>Whether a measuring relation at <paramref name="i"/> ("weighs", "costs", "takes", "turned") is followed by
    /// its number ("weighs about 30 kg"; "takes 40 minutes", a duration; "turned 5"): "my son takes piano lessons" is no
    /// measure.</summary>
    private static bool Measures(IReadOnlyList<FactToken> tokens, int i)
    {
        var at = i + 1;
        while (at < tokens.Count && DedupLexicon.Approximately.Contains(tokens[at].Lower))
        {
            at++;
        }

        if (at >= tokens.Count || tokens[at].Class is not (TokenClass.Number or TokenClass.Unit))
        {
            return false;
        }

        if (tokens[i].Lower is not ("takes" or "take" or "lasts" or "last"))
        {
            return true;
        }

        var unit = tokens.Skip(at).FirstOrDefault(t => t.Class == TokenClass.Unit);
        return unit.Value is { } u && DedupLexicon.UnitDimensions.GetValueOrDefault(u) == "duration";
    }

    private static bool IsHeadFiller(string word) => IsFiller(word) || word is "current" or "just" or "latest";

    /// <summary>The length of a school relation at <paramref name="i"/> ("goes to", "attends") when what follows, up to
    /// a word that ends it ("after", "with", "on"...), is a school: it ends in a school word ("Hillside Primary", "the
    /// local high school") or names one ("the University of Leeds"); else 0. "Goes to the gym after school" and "goes to
    /// the school play" are no school.</summary>
    private static int SchoolRelationLength(IReadOnlyList<FactToken> tokens, int i)
    {
        if (i >= tokens.Count || tokens[i].Class != TokenClass.Word)
        {
            return 0;
        }

        var length = i + 1 < tokens.Count && DedupLexicon.SchoolRelations.Contains(tokens[i].Lower + " " + tokens[i + 1].Lower) ? 2
            : DedupLexicon.SchoolRelations.Contains(tokens[i].Lower) ? 1
            : 0;
        if (length == 0 || i + length >= tokens.Count)
        {
            return 0;
        }

        var phrase = tokens.Skip(i + length).TakeWhile(t => !DedupLexicon.SchoolPhraseEnds.Contains(t.Lower)).ToList();
        var school = phrase.FindIndex(t => DedupLexicon.SchoolWords.Contains(t.Lower));
        return school >= 0 && (school == phrase.Count - 1 || phrase[school + 1].Lower == "of") ? length : 0;
    }

    internal static string Bag(IEnumerable<string> parts) => string.Join(' ', parts.Order(StringComparer.Ordinal));

    private static bool IsOpening(string word) => word is "actually" or "correction" or "update" or "updated" or "sorry" or "so" or
        "well" or "oh" or "ok" or "okay" or "btw" or "also" or "now" or "just" or "fyi" or "note";

    /// <summary>Words that announce a new value without being part of it ("now 5520", "changed to 5520").</summary>
    internal static bool IsFiller(string word) => word is "now" or "currently" or "actually" or "still" or "new" or "changed" or "updated";
}
