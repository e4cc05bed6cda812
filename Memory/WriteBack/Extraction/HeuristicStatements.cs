using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Reads one user message clause by clause: drops questions, hypotheticals, quoted speech, other people's
/// facts and instructions to the system; keeps first-person statements, style preferences and retractions.</summary>
internal static partial class HeuristicStatements
{
    /// <summary>A fact read from a message: the draft, whether it asserts or retracts, and whether it was hedged.</summary>
    public sealed record Statement(FactDraft Draft, FactAction Action, bool Hedged)
    {
        /// <summary>The clause said the fact holds now, in place of what held before ("I live in Berlin now", "I'm
        /// currently based in Leeds"): the draft's text drops the word, so the signal is passed on with it.</summary>
        public bool Now { get; init; }
    }

    public static IReadOnlyList<Statement> Read(string message, KnownPeople? people = null)
    {
        var result = new List<Statement>();
        if (string.IsNullOrWhiteSpace(message))
        {
            return result;
        }

        var text = TextNormalizer.Normalize(ListLines(message));
        if (text.Length > 8000 || InstructionFilter.IsInstruction(text))
        {
            return result;
        }

        if (Fiction().IsMatch(text))
        {
            return result;
        }

        text = OwnWords(text);
        text = WithPhotoReactions(text);
        text = BareContraction().Replace(text, m => m.Value[..^1] + "'t"); // "dont", "cant" -> "don't", "can't"
        text = ChatSpelling().Replace(text, m => ChatSpellings[m.Value.ToLowerInvariant()]);
        text = LowerI().Replace(text, "I");
        text = LowerIm().Replace(text, "I am");
        text = LowerIve().Replace(text, "I have");
        text = WeHave().Replace(text, "we have");
        text = ExpectingTogether().Replace(text, "we are expecting"); // one "we" clause, not "my wife" + "I are expecting"
        // "My brother and I live together" is "I live with my brother" (it was read as "The user lives together").
        text = Together().Replace(text, m => $"I {m.Groups["v"].Value.ToLowerInvariant()} with {m.Groups["who"].Value.ToLowerInvariant()}");
        // "I have a cat called Bella and a dog called Max": two named pets, each a fact (the dog was lost in the name).
        text = NamedAndNamed().Replace(text, "${first}. I have ");
        text = ElidedSubject().Replace(text, ". I ");
        text = LanguagesList().Replace(text, string.Empty);
        text = IntroAge().Replace(text, IntroducedWithAge); // "I am Sam, 29, ..." -> "my name is Sam. I am 29, ..."
        text = IntroTail().Replace(text, ". I am ");   // "..., living in Leeds" -> "... . I am living in Leeds"
        text = Purpose().Replace(text, string.Empty);  // "I started a blog so I can reach people": the purpose is a wish
        text = HedgeLead().Replace(text, "$1 ");        // "Hopefully, I can raise enough": one clause, still a hope
        try
        {
            text = Voices(text);
            text = Changes(text);
            text = RunOn(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message is read as it was written, never dropped with the turn.
        }

        var greeted = false;
        foreach (Match sentenceMatch in Sentence().Matches(text))
        {
            var sentence = sentenceMatch.Value.Trim();
            if (Sarcasm().IsMatch(sentence))
            {
                continue;
            }

            var clauses = ClauseSplit().Split(sentence);
            for (var i = 0; i < clauses.Length; i++)
            {
                // In "I live in Oslo, what should I see?" only the last clause is asked.
                var isQuestion = i == clauses.Length - 1 && sentence.EndsWith('?');
                try
                {
                    var before = result.Count;
                    greeted = ReadClause(clauses[i], isQuestion, greeted, result, sentence, people);
                    LearnFrom(people, result, before);
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological clause is skipped, never half-read.
                }
            }
        }

        return result;
    }

    /// <summary>"I am Sam, 29": a capitalised word before an age is the user's name (also without a greeting before
    /// it), unless it is a nationality or a language ("I'm Spanish, 29").</summary>
    private static string IntroducedWithAge(Match m)
    {
        var said = m.Groups[1].Value;
        var word = said["I am ".Length..];
        return char.IsUpper(word[0]) && !LanguageNames.IsLanguage(word) && !Demonym().IsMatch(word) && !NotAName.Contains(word)
            ? $"my name is {word}. I am {m.Groups[2].Value}"
            : $"{said}. I am {m.Groups[2].Value}";
    }

    // Words said of oneself with a capital that are no name ("I'm Muslim, 30", "I'm Bipolar, 28").
    private static readonly HashSet<string> NotAName = new(StringComparer.OrdinalIgnoreCase)
    {
        "Muslim", "Christian", "Catholic", "Protestant", "Orthodox", "Jewish", "Hindu", "Buddhist", "Sikh", "Jain",
        "Mormon", "Atheist", "Agnostic", "Pagan", "Bipolar", "Autistic", "Deaf", "Blind", "Disabled", "Diabetic",
        "Epileptic", "Dyslexic", "Gay", "Lesbian", "Bi", "Bisexual", "Straight", "Trans", "Queer", "Nonbinary",
        "Single", "Married", "Divorced", "Widowed", "Pregnant", "Vegan", "Vegetarian", "Retired", "Unemployed",
        "Male", "Female", "Black", "White", "Asian", "Latino", "Latina", "Indigenous", "Tired", "New", "Here", "Back",
    };

    /// <summary>Reads one clause into <paramref name="result"/>; returns true when the clause was only a greeting,
    /// so a self-introduction in the next clause ("Hi! I'm Ana") is read as the user's name.</summary>
    private static bool ReadClause(string rawClause, bool isQuestion, bool greeted, List<Statement> result, string sentence, KnownPeople? people)
    {
        var clause = WithRelation(Clean(rawClause, out var greeting), people);
        if (clause.Length < 3)
        {
            return greeting;
        }

        greeting |= greeted;

        var forget = Forget().Match(clause);
        if (forget.Success)
        {
            foreach (var draft in ForgetTargets(forget.Groups["inner"].Value))
            {
                result.Add(new Statement(draft, FactAction.Retract, Hedged: false));
            }

            return false;
        }

        if (isQuestion || QuestionStart().IsMatch(clause))
        {
            return false;
        }

        if (!ThirdPartyStart().IsMatch(clause) && !Conditional().IsMatch(clause) && StylePreferences.Match(clause) is { } style)
        {
            result.Add(new Statement(new FactDraft(style.Slot, null, style.Text), FactAction.Assert, Hedged: false));
            return false;
        }

        var hedge = Hedge().Match(clause);
        var hedged = hedge.Success;
        if (hedged)
        {
            clause = clause[hedge.Length..];
        }

        if (Hypothetical().IsMatch(clause))
        {
            return false;
        }

        if (greeting && GreetingName().Match(clause) is { Success: true } name && !LanguageNames.IsLanguage(name.Groups["v"].Value) &&
            !Demonym().IsMatch(name.Groups["v"].Value))
        {
            var n = name.Groups["v"].Value;
            result.Add(new Statement(new FactDraft(FactSlots.Name, TextNormalizer.SubjectKey(n), $"The user's name is {n}"), FactAction.Assert, hedged));
            return false;
        }

        if (SpecialRetraction().IsMatch(clause))
        {
            result.AddRange(SpecialRetractions(clause).Select(d => new Statement(d, FactAction.Retract, hedged)));
            return false;
        }

        if (OwnName().Match(clause) is { Success: true } own && NameFor(result, own.Groups["v"].Value))
        {
            return false;
        }

        if (RetractTrigger().IsMatch(clause))
        {
            var positive = Positive(clause);
            if (positive != clause)
            {
                var retracted = HeuristicRules.Apply(positive, general: true);
                if (retracted.Count > 0)
                {
                    result.AddRange(retracted.Select(d => new Statement(d, FactAction.Retract, hedged)));
                    if (!ChangeCue().IsMatch(clause) && !NoMore().IsMatch(clause))
                    {
                        // "I don't speak French" also states the negative, kept beside the retraction.
                        result.AddRange(HeuristicRules.Apply(clause, general: true).Select(d => new Statement(d, FactAction.Assert, hedged)));
                    }

                    return false;
                }
            }

            if (NoLonger().IsMatch(clause))
            {
                // "I no longer knit" with no habit rule to take back: nothing to read from it (the general
                // rules would conjugate "no" as the verb: "The user noes longer smoke").
                return false;
            }
        }

        var drafts = HeuristicRules.Apply(clause, general: true);
        if (drafts.Count == 0 && Variant(clause) is { } variant)
        {
            drafts = HeuristicRules.Apply(variant, general: true);
        }

        if (drafts.Any(d => d.Slot == FactSlots.Location) && IsVisit(rawClause, clause, sentence))
        {
            // "I'm in Paris right now", "I'm living in a hotel in Dubai this month for work": where the user is for
            // now, not where they live (nothing is kept: it would be stale within days).
            drafts = [.. drafts.Where(d => d.Slot != FactSlots.Location)];
        }

        var now = NowMarker().IsMatch(rawClause);
        result.AddRange(drafts.Select(d => new Statement(d, FactAction.Assert, hedged) { Now = now }));
        return false;
    }

    // "now", "currently", "these days", "instead": the clause says its fact replaces what held before.
    [GeneratedRegex(@"\b(?:now|currently|nowadays|these\s+days|instead|anymore|any\s+more)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NowMarker();

    private static string Clean(string raw, out bool greeting)
    {
        greeting = false;
        var clause = raw.Trim().TrimEnd('.', '!', '?', ',', ';', ':', ')').Trim().TrimStart('(', '-', '*', '>').Trim();
        while (true)
        {
            var lead = Interjection().Match(clause);
            if (!lead.Success || lead.Length == 0)
            {
                break;
            }

            greeting |= lead.Groups["greet"].Success;
            clause = clause[lead.Length..].TrimStart(',', '!', ' ', '-', ':');
        }

        return Rewrite(TrailingFiller().Replace(clause, string.Empty).Trim());
    }

    private static string Positive(string clause)
    {
        var p = AnymoreWords().Replace(clause, string.Empty);
        p = BeNoLonger().Replace(p, "I'm ");
        p = StoppedBeing().Replace(p, "I'm ");
        p = DoNot().Replace(p, "I ");
        p = NoLonger().Replace(p, "I ");
        p = AnyAfterVerb().Replace(p, "$1"); // "I'm not on any medication" takes back "on medication"
        return MultiSpace().Replace(p, " ").Trim();
    }

    private static IEnumerable<FactDraft> ForgetTargets(string inner)
    {
        var i = inner.Trim().TrimEnd('.', '!', '?', ',');
        if (ForgetLocation().IsMatch(i))
        {
            return [new FactDraft(FactSlots.Location, null, "Forget: where the user lives")];
        }

        if (ForgetWork().IsMatch(i))
        {
            return [new FactDraft(FactSlots.Employer, null, "Forget: where the user works"), new FactDraft(FactSlots.Job, null, "Forget: the user's job")];
        }

        if (ForgetName().IsMatch(i))
        {
            return [new FactDraft(FactSlots.Name, null, "Forget: the user's name"), new FactDraft(FactSlots.Nickname, null, "Forget: the user's nickname")];
        }

        if (ForgetSlot().Match(i) is { Success: true } slot)
        {
            var s = slot.Groups["s"].Value.ToLowerInvariant();
            var target = s switch
            {
                var x when x.StartsWith("diet", StringComparison.Ordinal) => FactSlots.Diet,
                var x when x.StartsWith("allerg", StringComparison.Ordinal) => FactSlots.Allergy,
                "age" => FactSlots.Age,
                "birthday" => FactSlots.Birthday,
                "schedule" => FactSlots.Schedule,
                _ => FactSlots.Other,
            };
            return [new FactDraft(target, null, $"Forget: the user's {s}")];
        }

        if (FirstPerson().IsMatch(i))
        {
            var inside = HeuristicRules.Apply(i, general: true);
            if (inside.Count > 0)
            {
                return inside.Select(d => d with { Text = $"Forget: {d.Text}" });
            }

            if (RetractTrigger().IsMatch(i))
            {
                return HeuristicRules.Apply(Positive(i), general: true).Select(d => d with { Text = $"Forget: {d.Text}" });
            }
        }

        var subject = TextNormalizer.SubjectKey(TextNormalizer.ToThirdPerson(i));
        return subject.Length is > 0 and <= 40 && subject.Split(' ').Length <= 4 && !EverythingWords().IsMatch(i)
            ? [new FactDraft(WriteBackSlots.Any, subject, $"Forget: {subject}")]
            : [];
    }

    private static IEnumerable<FactDraft> SpecialRetractions(string clause)
    {
        if (MovedAway().Match(clause) is { Success: true } away && away.Groups["v"].Value.Trim() is { Length: > 0 } place)
        {
            yield return new FactDraft(FactSlots.Location, TextNormalizer.SubjectKey(place), $"No longer: lives in {place}");
        }
        else if (QuitJob().Match(clause) is { Success: true } quit)
        {
            var target = HeuristicRules.WithoutTrailingFiller(quit.Groups["v"].Value); // "... at Door Dash this month"
            if (target.Length == 0 || target.Equals("my job", StringComparison.OrdinalIgnoreCase) || target.Equals("work", StringComparison.OrdinalIgnoreCase))
            {
                yield return new FactDraft(FactSlots.Employer, null, "No longer: works at their employer");
            }
            else if (target.Split(' ').Length <= 4 && !target.StartsWith("my ", StringComparison.OrdinalIgnoreCase))
            {
                yield return new FactDraft(WriteBackSlots.Any, TextNormalizer.SubjectKey(target), $"No longer: {target}");
            }
        }
        else if (PetGone().Match(clause) is { Success: true } pet)
        {
            var kind = pet.Groups["kind"].Value.ToLowerInvariant();
            yield return new FactDraft(FactSlots.Pet, kind, $"No longer: has a {kind}");
        }
        else if (NamedPetGone().Match(clause) is { Success: true } named)
        {
            // "My cat Tom died", "Tom passed away", "we had to put Tom down": the pet of that name, whatever its kind
            // was stored as (a pet memory only: a person called Tom is no pet fact).
            var name = named.Groups["name"].Value;
            var kind = named.Groups["kind"].Success ? named.Groups["kind"].Value.ToLowerInvariant() : "pet";
            yield return new FactDraft(FactSlots.Pet, TextNormalizer.SubjectKey(name), $"No longer: has a {kind} named {name}");
        }
        else if (BrokeUp().Match(clause) is { Success: true } split)
        {
            // "I broke up with Anna", "Anna and I split up": the relationship with Anna ends; without a name, the one
            // the user had.
            var partner = split.Groups["p"].Success ? split.Groups["p"].Value : null;
            yield return partner is null
                ? new FactDraft(FactSlots.Marital, null, "No longer: in a relationship")
                : new FactDraft(FactSlots.Marital, TextNormalizer.SubjectKey(partner), $"No longer: in a relationship with {partner}");
        }
    }

    [GeneratedRegex(@"\bi\b(?!\.e\.)")]
    private static partial Regex LowerI();

    [GeneratedRegex(@"\b[Ii]'?m\b")]
    private static partial Regex LowerIm();

    // Chat asides and emoji at a clause's end ("allergic to shellfish btw", "I hate mornings lol 🙂") are not part of
    // the value.
    // Also "too", "as well" ("I'm lactose intolerant too": the rules for states end at the state), a remark on the fact
    // ("I'm coeliac myself, funnily enough") and "myself" after a state.
    [GeneratedRegex(@"(?:[\s,]+(?:btw|by\s+the\s+way|lol|lmao|haha+|hehe+|tbh|fyi|imo|ngl|xd|:\)|:-\)|:d|;\)|<3|too|as\s+well|(?:funnily|oddly|strangely|ironically|interestingly|sadly)(?:\s+enough)?)|(?<=^I\s+am\s+[\p{L}-]+(?:\s+[\p{L}-]+)?)\s+myself|\s*[\p{So}\p{Cs}\u200d\ufe0f]+)+\s*[.!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingFiller();

    // A purpose clause ("..., so I can teach others", "so that we could ...") says what the user wants, not a fact.
    [GeneratedRegex(@",?\s+so\s+(?:that\s+)?(?:I|we)(?:\s+(?:can|could|would|might|will)|'d|'ll)\b[^.!?;]*", RegexOptions.IgnoreCase)]
    private static partial Regex Purpose();

    [GeneratedRegex(@"\b[Ii]'?ve\b")]
    private static partial Regex LowerIve();

    [GeneratedRegex(@"\b([Ww]e)'ve\b")]
    private static partial Regex WeHave();

    [GeneratedRegex(@"\b[Mm]y\s+(?:wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse)\s+and\s+I\s+(?:are|'re)\s+expecting\b")]
    private static partial Regex ExpectingTogether();

    [GeneratedRegex(@"\b(?<who>[Mm]y\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+and\s+I\s+(?<v>live|work)\s+together\b", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex Together();

    [GeneratedRegex(@"(?<first>\bI\s+(?:(?:also|still|now)\s+)?(?:have|own|'ve\s+got|have\s+got)\s+(?:a|an|one|two|three|\d+)\s+(?:[\w-]+\s+){0,2}?(?:called|named)\s+(?-i:[A-Z])[\w'-]*)\s*,?\s+and\s+(?=(?:a|an|one|two|three|\d+)\s+(?:[\w-]+\s+){0,2}?(?:called|named)\s+(?-i:[A-Z]))",
        RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NamedAndNamed();

    // A full stop, "!" or "?" ends a sentence only where a blank, another one or the end follows: "1.93 m",
    // "72.5 kg", "tomas.dev" and "v2.1" stay whole.
    /// <summary>A sentence: up to a full stop, "!", "?" or ";" followed by a space. A full stop inside a name does not end
    /// one: after a middle initial ("Ursula K. Le Guin", "John F. Kennedy": a capital letter alone, after a capitalised
    /// word) or a title or street abbreviation ("Dr. Jones", "St. Mark's Road", "Mt. Fuji"), when a capitalised word other
    /// than one that opens a sentence ("I", "My", "We", "The"...) follows.</summary>
    [GeneratedRegex(@"(?:[^.!?;\n]|[.!?](?=[^\s.!?;])|(?:(?<=\b\p{Lu}\p{Ll}+\s\p{Lu})|(?<=(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Mt|Prof|Jr|Sr|Rev|Capt|Lt|Sgt|Ave|Rd)))\.(?=\s+(?!(?:I|I'm|I've|I'd|My|We|We're|Our|The|It|It's|He|She|They|This|That|These|Those|There|And|But|So|Also|Now|Then|Oh|Btw|Can|Could|Would|Will|Should|Shall|May|Might|Do|Does|Did|Is|Are|Was|Were|Have|Has|What|Where|When|Why|Who|Which|How|Any|Anything|Please|Thanks|Thank|Nice|Hi|Hello|Hey|Yes|No|Ok|Okay|Sorry|Also|Anyway|Just|Let|Tell|Give|Help|Any)\b)\p{Lu}))+[.!?;]*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Sentence();

    [GeneratedRegex(@",?\s+(?:and|but|so|because|although|though|while|whereas|plus|also)\s+(?:(?:honestly|frankly|actually|also|then|now|yet|anyway|basically|obviously|luckily|sadly),?\s+)?(?=(?:I|I'm|I've|my|we|our)\b)|(?<=\d\w{0,3})\s+(?=not\s+(?:the\s+)?\d)|,\s*(?:anyway|anyways|anyhow|besides|btw|oh\s+and),?\s+(?=(?:I|I'm|I've|my|we|our)\b)|,\s*(?:(?:and\s+)?(?:now|today|these\s+days|nowadays|currently),?\s+)?(?=(?:I|I'm|I've|my|we|our)\b)|,\s+(?=(?:if|unless|because|since)\b)|,\s*(?=(?:his|her|its|their|what|what's|where|when|why|how|how's|who|which|any|anything|can|could|would|should|do|does|is|are|give|tell|suggest|recommend|help|please|so|keep|thanks|thank|remember|note|bear|let|make|not)\b)|\s+and\s+(?=(?:he|she|they|it)(?:'s|\s))|,?\s+and\s+(?=(?-i:\p{Lu}\p{Ll}+)\s+(?:is|was|has|had|just|turned|loves|likes|hates|works|lives|goes|plays|started|can't|cannot|doesn't|isn't|wasn't)\b)|\s+so\s+(?=(?:please|keep|make|give|use|answer|reply|write|explain|talk|avoid|don't|do\s+not)\b)|\s+-\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseSplit();

    [GeneratedRegex(@"^(?:(?<greet>hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening))(?:\s+there)?|oh|ah|well|so|and|but|also|btw|by\s+the\s+way|actually|anyway|anyways|ok|okay|yes|yeah|yep|nope|fyi|just\s+so\s+you\s+know|for\s+context|for\s+the\s+record|note\s+that|to\s+be\s+clear|as\s+you\s+know|you\s+know(?=,?\s+I\b)|honestly|basically|thanks|thank\s+you|lol|haha|please|update|quick\s+update|oh\s+and|plus|now|(?:(?:big|good|great|some|exciting|happy|sad|bad|quick|fun)\s+)?news|heads\s+up|guess\s+what|so\s+anyway|sorry(?=[,!])|oops|wait(?:\s+no)?(?=[,!])|yo|sup|ngl|tbh|lowkey|(?:sorry,?\s+)?I\s+(?:make|made|did)\s+(?:a\s+)?(?:mistake|typo|error)s?|no(?=[,!])|correction|to\s+clarify|let\s+me\s+correct\s+(?:that|myself)|just\s+to\s+correct\s+myself|I\s+meant(?:\s+to\s+say)?(?:\s+that)?|I\s+mean(?=,)|I\s+got\s+(?:it|that)\s+wrong(?:\s+earlier)?|my\s+bad|scratch\s+that|in\s+fact|these\s+days|nowadays|sadly|unfortunately|" +
        // A label before a colon ("Quick one:", "Note:", "Quick question: I live in Oslo, ...").
        @"(?:quick\s+(?:one|question|q|note|thing|fact|heads\s+up)|typo|(?:small\s+)?correction|fix|(?:(?:a\s+)?(?:bit|little|some\s+things?|things)\s+)?about\s+me|my\s+(?:details|info|profile)|(?:side\s+|small\s+)?note|context|background|info|ps|p\.s|reminder|aside|edit|(?:fun|random)\s+fact|also|one\s+more\s+thing|(?:a\s+)?(?:quick\s+)?question)(?=\s*:))\b[,!:.]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Interjection();

    [GeneratedRegex(@"^(?:do|does|did|can|could|would|will|should|shall|is|are|am|was|were|have|has|what|where|when|why|who|whom|whose|which|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"^(?:he|she|they|his|her|their|our|someone|somebody|everyone|people|it|this|that|my\s+(?!preference|style|answers|replies)\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThirdPartyStart();

    [GeneratedRegex(@"\b(?:if|unless|whether|when\s+I|suppose|imagine|hypothetically|pretend)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"^(?:I\s+think|I\s+believe|I\s+guess|I\s+suppose|I'm\s+pretty\s+sure|I\s+am\s+pretty\s+sure|I'm\s+fairly\s+sure|probably|I\s+reckon|apparently)\s*(?:that\s+)?,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"\b(?:if|suppose|supposing|imagine|imagining|hypothetically|hopefully|pretend|pretending|let's\s+say|lets\s+say|what\s+if|in\s+a\s+(?:story|novel|game|movie|dream)|my\s+character|wish|wished|would|could|might|maybe|perhaps|someday|one\s+day|dream\s+of|dreaming|thinking\s+(?:about|of)|gonna|want\s+to|wanna|wanted\s+to|hope\s+to|hoping\s+to|considering|shall|should|I'd|unless|whether|assuming|as\s+if|roleplay|role-play|fictional|used\s+to|sometime)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hypothetical();

    /// <summary>"Wow, looks great! Where did you take this picture? I love the dark sky": after a remark on a photo or
    /// on how something looks, "I love the ..." is about what is in the picture, not a taste (read as "I love that ...",
    /// which no rule takes). Before the remark it stays a taste ("I love the beach. Here's a photo.").</summary>
    private static string WithPhotoReactions(string text)
    {
        var cue = PhotoCue().Match(text);
        return cue.Success ? text[..cue.Index] + ReactionToThe().Replace(text[cue.Index..], "I ${v} that") : text;
    }

    [GeneratedRegex(@"\b(?:pictures?|photos?|pics?|snapshots?|looks?\s+(?:so\s+|really\s+|super\s+)?(?:great|amazing|awesome|cool|beautiful|lovely|gorgeous|stunning|delicious|fantastic|incredible|cute)|so\s+cute)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoCue();

    [GeneratedRegex(@"\bI\s+(?:really\s+|just\s+|also\s+)?(?<v>love|like|adore|enjoy)\s+the\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReactionToThe();

    [GeneratedRegex(@"\b(hopefully|maybe|perhaps|ideally|possibly)\s*,\s*(?=I\b)", RegexOptions.IgnoreCase)]
    private static partial Regex HedgeLead();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?<v>[A-Z][a-z]{1,20}(?:\s+[A-Z][a-z]{1,20})?)$")]
    private static partial Regex GreetingName();

    [GeneratedRegex(@"(?:ese|ish|ian|can|ench|ch|ic)$")]
    private static partial Regex Demonym();

    [GeneratedRegex(@"^(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?forget\s+(?:about\s+)?(?:that\s+|the\s+fact\s+that\s+|what\s+I\s+(?:said|told\s+you)\s+about\s+)?(?<inner>.+?)(?:,?\s+please)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Forget();

    [GeneratedRegex(@"\b(?:no\s+longer|anymore|any\s+more|any\s+longer)\b|^I(?:'m|\s+am)\s+not\s+(?!(?:a\s+)?(?:big\s+|huge\s+)?fan\b|into\b|sure\b|certain\b)|^I\s+(?:don't|do\s+not)\s+(?:live|work|have|own|speak)\b|^I\s+(?:have\s+|'ve\s+)?stopped\s+being\b", RegexOptions.IgnoreCase)]
    private static partial Regex RetractTrigger();

    [GeneratedRegex(@"\s*\b(?:anymore|any\s+more|any\s+longer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnymoreWords();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:no\s+longer|not)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex BeNoLonger();

    [GeneratedRegex(@"^I\s+(?:have\s+|'ve\s+)?stopped\s+being\s+", RegexOptions.IgnoreCase)]
    private static partial Regex StoppedBeing();

    [GeneratedRegex(@"^I\s+(?:don't|do\s+not)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex DoNot();

    [GeneratedRegex(@"^I\s+no\s+longer\s+", RegexOptions.IgnoreCase)]
    private static partial Regex NoLonger();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"^(I(?:'m|\s+am)?\s+(?:[a-z]+\s+){0,2}?)any\s+(?=[a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex AnyAfterVerb();

    // Sarcasm: "Oh sure, I'm a billionaire, that's why I'm asking about cheap flights", "Yeah right, like I'm a chef".
    // Not "Oh right, I forgot: I'm vegan" or "Yeah, sure, I live in Oslo": said sincerely as often as not.
    [GeneratedRegex(@"^(?:oh\s+sure|yeah\s+right|sure,?\s+because|right,?\s+because|as\s+if)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sarcasm();

    [GeneratedRegex(@"^(?:where\s+I\s+(?:live|am\s+from|'m\s+from|moved)|my\s+(?:address|location|city|home|hometown))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForgetLocation();

    [GeneratedRegex(@"^(?:where\s+I\s+work|my\s+(?:job|employer|work|company|workplace|occupation|profession))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForgetWork();

    [GeneratedRegex(@"^my\s+(?:name|nickname)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForgetName();

    [GeneratedRegex(@"^my\s+(?<s>diet|dietary\s+\w+|allerg\w*|age|birthday|schedule)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForgetSlot();

    [GeneratedRegex(@"^(?:I|I'm|I've|my)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(?:everything|all|anything|it|that|this)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EverythingWords();

    [GeneratedRegex(@"^I\s+(?:have\s+|'ve\s+|just\s+|recently\s+)*moved\s+(?:away\s+from|out\s+of)\s+(?<v>[^,]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MovedAway();

    [GeneratedRegex(@"^I\s+(?:have\s+|'ve\s+|just\s+|recently\s+|also\s+)*(?:quit|left|resigned\s+from|was\s+laid\s+off\s+from|got\s+laid\s+off\s+from|got\s+fired\s+from|was\s+fired\s+from|lost(?=\s+my\s+job\b))\s*(?:my\s+job\s*(?:as\s+(?:a|an)\s+[\w -]+?(?=\s+at\s|$)\s*)?(?:at\s+)?)?(?<v>(?!(?:\w+ing|sugar|alcohol|caffeine|coffee|meat|social\s+media|for|on|early|late|home|at|after|before|to|with|town|the\s+(?:house|office|party|room))\b)[^,]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuitJob();

    [GeneratedRegex(@"^my\s+(?:old\s+)?(?<kind>dog|cat|puppy|kitten|parrot|rabbit|hamster|fish|turtle|horse|bird|pony)\s+(?:died|passed\s+away|passed|ran\s+away)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PetGone();

    [GeneratedRegex(@"^(?:I\s+(?:have\s+|'ve\s+|just\s+|recently\s+|also\s+)*(?:moved\s+(?:away\s+from|out\s+of)|(?:quit|left)(?!\s+(?:\w+ing|sugar|alcohol|caffeine|coffee|meat|social\s+media|for|on|early|late|home|at|after|before|to|with|town|the\s+(?:house|office|party|room))\b)|resigned|was\s+laid\s+off|got\s+laid\s+off|got\s+fired|was\s+fired|lost\s+my\s+job)|my\s+(?:old\s+)?(?!(?:" + HeuristicRules.Relatives + @")\b)\w+\s+(?:died|passed|ran\s+away))|" + NamedPetGonePattern + "|" + BrokeUpPattern, RegexOptions.IgnoreCase)]
    private static partial Regex SpecialRetraction();

    private const string PetKinds = "dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|guinea\\s+pig|fish|turtle|tortoise|snake|lizard|horse|bird|ferret|budgie|gecko|pony";

    private const string NamedPetGonePattern =
        @"^(?:my\s+(?:old\s+|beloved\s+|sweet\s+|little\s+)?(?<kind>" + PetKinds + @")\s+)?(?!(?:Mom|Mum|Dad|Mama|Papa|Grandma|Grandpa|Granny|Nana|Grandad|Granddad|He|She|It|They|Someone|Somebody|Nobody|Everyone|Everybody|Sadly|Finally)\b)(?<name>(?-i:\p{Lu})\p{Ll}+)\s+(?:(?:just|sadly|finally)\s+)?(?:died|passed\s+away|passed|ran\s+away|was\s+put\s+(?:down|to\s+sleep))" + PetGoneWhen + "$|" +
        @"^I\s+(?:(?:just|finally|sadly)\s+)?(?:had\s+to\s+|have\s+had\s+to\s+)?put\s+(?:my\s+(?:old\s+|beloved\s+|sweet\s+|little\s+)?(?<kind>" + PetKinds + @")\s+)?(?<name>(?-i:\p{Lu})\p{Ll}+)\s+(?:down|to\s+sleep)" + PetGoneWhen + "$";

    // When and how a pet died, nothing else ("Max died in the movie" is no pet of the user's).
    private const string PetGoneWhen =
        @"(?:\s+(?:last\s+\w+|this\s+\w+|yesterday|today|earlier\s+today|recently|peacefully|suddenly|unexpectedly|at\s+home|at\s+the\s+vet'?s?|in\s+(?:my|our|his|her|their)\s+(?:arms|sleep)|on\s+\w+|(?:a|one|two|three|four|five|six|few|a\s+few|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago|at\s+(?:the\s+age\s+of\s+)?\d+))*";

    private const string BrokeUpPattern =
        @"^(?:I\s+(?:(?:just|recently|finally|officially)\s+)?(?:broke\s+up|split\s+up|split(?=\s+with\b))(?:\s+with\s+(?:(?:my\s+(?:girlfriend|boyfriend|partner|fianc[eé]e?)\s+)?(?<p>(?-i:\p{Lu})\p{Ll}+)|him|her|them|my\s+(?:girlfriend|boyfriend|partner|fianc[eé]e?)))?|(?<p>(?-i:\p{Lu})\p{Ll}+)\s+and\s+I\s+(?:(?:just|recently|finally|officially)\s+)?(?:broke\s+up|split\s+up))(?:\s+(?:last|this|in|on|yesterday|recently|a\s+(?:few|couple)|\w+\s+(?:days?|weeks?|months?|years?)\s+ago)\b.{0,30})?$";

    [GeneratedRegex(NamedPetGonePattern, RegexOptions.IgnoreCase)]
    private static partial Regex NamedPetGone();

    [GeneratedRegex(BrokeUpPattern, RegexOptions.IgnoreCase)]
    private static partial Regex BrokeUp();
}
