using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>The fallback rules, tried after every themed rule: any plain first-person statement of a lasting kind
/// ("I use a wheelchair", "I'm a keen cyclist", "I have type 1 diabetes", "my car is a red Tesla", "I'm flying to
/// Tokyo next month", "I don't drive") becomes "The user ..." with the rest of the clause in the third person.
/// What keeps them precise: verbs of thinking, wanting, saying and asking are never facts; objects that point at
/// the conversation ("it", "that", "you", "a question") are refused; past tense only for life events; "I'm"
/// only with a noun phrase, a lasting condition or a dated plan; "my X" never for people outside the family.</summary>
internal static partial class HeuristicRules
{
    private const string LeadAdverbs =
        @"(?<adv>(?:usually|always|normally|often|typically|generally|mostly|sometimes|regularly|also|still|currently|now|only|even|already|just|recently|finally)\s+)?";

    private static IEnumerable<Rule> GeneralRules() =>
    [
        One(@"^I\s+(?:was|got|have\s+been|'ve\s+been)\s+(?:recently\s+|just\s+)?diagnosed\s+with\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 8) is { } v ? Draft(FactSlots.Other, v, $"The user has {v}") : null, exclusive: true),
        One(@"^(?<v>[\w -]{2,40}?)\s+(?:gives?|makes?|give|make)\s+me\s+(?:go\s+into\s+|break\s+out\s+in\s+)?(?:hives|a\s+rash|rashes|anaphylaxis|anaphylactic\s+shock|an\s+allergic\s+reaction|swell(?:\s+up)?)$|^(?<v>[\w -]{2,40}?)\s+(?:makes?|make)\s+my\s+(?:throat|mouth|lips|tongue|face|eyes|skin)\s+(?:swell|itch|close)(?:\s+up)?$",
            m => Value(m.Groups["v"].Value, 4) is { } v && !Pronoun.IsMatch(v)
                ? Draft(FactSlots.Allergy, v, $"The user is allergic to {v.ToLowerInvariant()}")
                : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?<how>planning|going|due|scheduled|set)\s+to\s+(?<v>(?!(?:a|an|the|my|our|bed|sleep|work|school|church|town)\b)[a-z]+\b.*)$",
            m =>
            {
                var how = m.Groups["how"].Value.ToLowerInvariant();
                if (!char.IsLower(m.Groups["v"].Value[0]) || PlanValue(m.Groups["v"].Value) is not { } v)
                {
                    return null;
                }

                return Draft(FactSlots.Other, v, how is "planning" or "going" ? $"The user plans to {v}" : $"The user is {how} to {v}");
            }, exclusive: true),
        One(@"^I\s+(?:just\s+|recently\s+|finally\s+)?(?<v>retired|graduated)$",
            m => Draft(FactSlots.Job, m.Groups["v"].Value, $"The user {(m.Groups["v"].Value.Equals("retired", StringComparison.OrdinalIgnoreCase) ? "is retired" : "graduated")}"), exclusive: true),
        One(@"^I\s+(?:plan|intend)\s+to\s+(?<v>.+)$",
            m => PlanValue(m.Groups["v"].Value) is { } v ? Draft(FactSlots.Other, v, $"The user plans to {v}") : null, exclusive: true),
        One(@"^I(?:'ll|\s+will)\s+be\s+(?!(?:sure|happy|glad|able|ready|there|around|back|fine|ok|okay|honest|careful|thinking|looking)\b)(?<v>.+)$",
            m => FutureTime().IsMatch(m.Groups["v"].Value) && !ConversationObject.IsMatch(m.Groups["v"].Value) && Value(m.Groups["v"].Value, 12) is { } v
                ? Draft(FactSlots.Other, v, $"The user will be {v}")
                : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+on\s+(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 8) is { } v && OnSomething().IsMatch(v) ? Draft(FactSlots.Other, v, $"The user is on {v}") : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+" + LeadAdverbs + @"(?<v>(?:a|an|the)\s+.+)$",
            m => NounPhrase(m.Groups["v"].Value) is { } v ? Draft(FactSlots.Other, v, $"The user is {m.Groups["adv"].Value.ToLowerInvariant()}{v}") : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+" + LeadAdverbs + @"(?<v>" + LastingStates + @")(?<rest>\s+.+)?$",
            m =>
            {
                var raw = m.Groups["rest"].Value;
                var cut = ClauseBoundary.Match(raw);
                var rest = !m.Groups["rest"].Success || (cut.Success && cut.Index == 0) ? string.Empty : Value(raw, 8);
                var v = m.Groups["v"].Value.ToLowerInvariant();
                return rest is null ? null : Draft(FactSlots.Other, v, $"The user is {v}{(rest.Length > 0 ? " " + rest : string.Empty)}");
            }, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+" + LeadAdverbs + @"(?<verb>[a-z]+ing)\s+(?<rest>.+)$",
            m => Progressive(m.Groups["verb"].Value, m.Groups["rest"].Value) is { } text ? Draft(FactSlots.Other, text, $"The user is {text}") : null,
            exclusive: true),
        One(@"^I(?:'m|\s+am)\s+not\s+(?<v>.+)$",
            m => NegatedState(m.Groups["v"].Value) is { } v ? Draft(FactSlots.Other, "not " + v, $"The user is not {v}") : null, exclusive: true),
        One(@"^I\s+(?:don't|do\s+not|never)\s+(?<verb>[a-z]+)(?<rest>\s+.+)?$",
            m => NegatedAction(m.Groups["verb"].Value, m.Groups["rest"].Value) is { } text ? Draft(FactSlots.Other, "not " + text, $"The user doesn't {text}") : null,
            exclusive: true),
        One(@"^I(?:'m|\s+am)\s+in\s+(?<v>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})$",
            m => char.IsUpper(m.Groups["v"].Value[0]) && !m.Groups["v"].Value.StartsWith("The ", StringComparison.Ordinal) && Place(m.Groups["v"].Value) is { } p
                ? Draft(FactSlots.Location, p, $"The user lives in {p}")
                : null, exclusive: true),
        One(@"^I\s+can\s+(?<verb>[a-z]+)\s+(?<rest>.+)$",
            m => !CanPossibility.Contains(m.Groups["verb"].Value) && Action(string.Empty, m.Groups["verb"].Value, m.Groups["rest"].Value) is { } d
                ? d with { Text = d.Text.Replace("The user ", "The user can ", StringComparison.Ordinal).Replace($"can {ThirdPersonVerb(m.Groups["verb"].Value)} ", $"can {m.Groups["verb"].Value.ToLowerInvariant()} ", StringComparison.Ordinal) }
                : null, exclusive: true),
        // "I've been knitting for years", "I've been using Linux since 2010": a lasting habit, said by how long it has
        // lasted (years, not hours: "I've been waiting for hours" is a moment).
        One(@"^I\s+(?:have|'ve)\s+been\s+" + LeadAdverbs + @"(?<verb>[a-z]+ing)(?<rest>(?:\s+(?!for\b|since\b)[\w'-]+){0,6}?)\s+(?<dur>for\s+(?:(?:over|about|almost|nearly|more\s+than|many|several|a\s+few|a\s+couple\s+of|\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty)\s+)?(?:years|decades)|for\s+(?:ages|a\s+decade|a\s+long\s+time)|since\s+(?:I\s+was\s+(?:a\s+)?(?:kid|child|teenager|teen|little|young|boy|girl|\d+)|childhood|(?:high\s+)?school|college|university|uni|(?:19|20)\d\d))(?:\s+(?:now|already))?$",
            m => LongHabit(m.Groups["verb"].Value, m.Groups["rest"].Value, m.Groups["dur"].Value) is { } text ? Draft(FactSlots.Other, text, $"The user has been {text}") : null,
            exclusive: true),
        One(@"^I\s+(?:have\s+got|'ve\s+got|have)\s+(?<v>.+)$",
            m => Possession(m.Groups["v"].Value) is { } v ? Draft(FactSlots.Other, v, $"The user has {v}") : null, exclusive: true),
        // "I smoke", "I drive": a habit said without an object, so that "I don't drive anymore" takes it back (nothing was
        // read, and the clause stored nothing).
        One(@"^I\s+(?:also\s+|still\s+|sometimes\s+|occasionally\s+)?(?<verb>drive|smoke|drink|swim|cook|vote|gamble|dance|exercise|snore)$",
            m => ThirdPersonVerb(m.Groups["verb"].Value.ToLowerInvariant()) is var v ? Draft(FactSlots.Other, v, $"The user {v}") : null, exclusive: true),
        One(@"^I\s+" + LeadAdverbs + @"(?<verb>[a-z]+)\s+(?<rest>.+)$",
            m => Action(m.Groups["adv"].Value, m.Groups["verb"].Value, m.Groups["rest"].Value), exclusive: true),
        One(@"^my\s+(?<who>(?:[\p{L}-]+(?:'s)?\s+){0,3}[\p{L}-]+?)(?<name>\s+(?-i:\p{Lu}\p{Ll}+))?\s+(?<verb>is|are|was|has|have|had|runs?|starts?|begins?|ends?|lives?|works?|can|loves?|likes?|hates?|goes|go\s+to|speaks?|just\s+\w+|turned|takes?|needs?|uses?|plays|attends|studies|teaches|visits|does)\s+(?<rest>.+)$",
            m => Possessive(m.Groups["who"].Value, m.Groups["name"].Value, m.Groups["verb"].Value, m.Groups["rest"].Value), exclusive: true),
    ];

    private const string LastingStates =
        @"(?:partially|profoundly|completely|totally|legally|severely|mostly)\s+(?:deaf|blind|sighted)|pregnant|deaf|blind|colou?rblind|colou?r-blind|colou?r\s+blind|hard\s+of\s+hearing|partially\s+sighted|visually\s+impaired|" +
        @"hearing\s+impaired|disabled|paralysed|paralyzed|neurodivergent|left-handed|right-handed|ambidextrous|" +
        @"epileptic|dyslexic|dyspraxic|dyscalculic|autistic|(?:type\s+(?:1|2|one|two)\s+)?diabetic|pre-?diabetic|asthmatic|arthritic|anorexic|bulimic|paraplegic|" +
        @"quadriplegic|tetraplegic|hypoglycemic|anaemic|anemic|immunocompromised|" +
        @"vaccinated|sober|teetotal|nearsighted|short-sighted|long-sighted|farsighted|transgender|trans|nonbinary|non-binary|" +
        @"gay|lesbian|bisexual|straight|introverted|extroverted|an\s+introvert|an\s+extrovert|bilingual|trilingual|" +
        @"self-taught|homeschooled|adopted|an\s+only\s+child|a\s+twin|a\s+morning\s+person|a\s+night\s+owl";

    private static readonly HashSet<string> NotFactVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "think", "guess", "believe", "suppose", "reckon", "want", "need", "wish", "hope", "feel", "mean", "see", "agree",
        "disagree", "understand", "wonder", "forgot", "forget", "remember", "bet", "promise", "appreciate", "apologize",
        "apologise", "say", "said", "tell", "told", "ask", "asked", "saw", "met", "went", "did", "had", "got", "tried", "try",
        "was", "were", "would", "could", "should", "can", "will", "might", "must", "may", "am", "do", "don't", "didn't",
        "won't", "can't", "cannot", "doubt", "heard", "hear", "found", "find", "thank", "look", "looked", "recommend",
        "suggest", "realise", "realize", "noticed", "notice", "care", "mind", "is", "are", "be", "get", "let", "have",
        "came", "made", "make", "took", "take", "put", "sent", "send", "wrote", "write", "read", "saw", "watched", "watch",
        "called", "call", "answered", "meant", "expect", "imagine", "hate", "dislike", "like", "love", "enjoy",
        "would", "d", "ll", "s", "actually", "personally", "honestly", "totally", "really", "kinda", "literally",
        "definitely", "probably", "certainly", "almost", "barely", "hardly", "seriously", "completely", "fully",
        "left", "quit", "used", "keep", "kept", "start", "started", "stop", "lost", "won", "gave", "give", "paid", "pay",
        "bought", "sold", "adopted", "retired", "graduated", "stopped", "joined", "moved", "grew", "play", "run", "go",
        "picture", "relate", "never", "gotta", "gonna", "wanna", "hafta", "first", "once", "even", "ever", "rarely", "seldom", "sort",
        "kind", "later", "then", "soon", "just", "also", "still", "usually", "always", "normally", "often", "sometimes",
        "recently", "finally", "already", "only", "absolutely", "assume", "figure", "bet",
    };

    // Verbs that state a lasting fact although they are in the past tense.
    private static readonly HashSet<string> LifeEventVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "bought", "adopted", "retired", "graduated", "quit", "stopped", "gave", "started", "joined", "grew", "inherited",
        "built", "founded", "married", "opened", "launched",
    };

    // "I can add X to my store", "I can make a difference": what the user could do, not a skill they have.
    private static readonly HashSet<string> CanPossibility = new(StringComparer.OrdinalIgnoreCase)
    {
        "make", "add", "get", "take", "give", "offer", "reach", "build", "tackle", "handle", "do", "go", "help", "find",
        "show", "share", "bring", "turn", "keep", "put", "try", "change", "create", "start", "finally", "always", "still",
        "provide", "plan", "send", "lend", "recommend", "suggest", "meet", "come", "join", "talk", "chat", "host", "organize",
        "organise", "arrange", "hang", "catch", "grab", "swap", "trade", "motivate", "inspire", "encourage", "support",
    };

    // Present-tense verbs allowed although they are common in chit-chat, when the object is a plain noun phrase.
    private static readonly HashSet<string> PlainVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "keep", "play", "run", "go", "take", "get", "make", "write", "read", "watch", "give", "pay", "start",
    };

    private static readonly HashSet<string> DurableProgressives = new(StringComparer.OrdinalIgnoreCase)
    {
        "recovering", "training", "expecting", "retiring", "moving", "relocating", "raising", "caring", "fostering",
        "doing", "running", "volunteering", "renovating", "building", "saving", "studying", "learning", "teaching",
        "working", "living", "staying", "managing", "undergoing", "fighting", "battling", "nursing", "breastfeeding",
        "homeschooling", "renting", "commuting", "competing", "preparing", "writing", "practising", "practicing",
    };

    private static readonly HashSet<string> NotFactProgressives = new(StringComparer.OrdinalIgnoreCase)
    {
        "thinking", "wondering", "asking", "looking", "hoping", "wishing", "considering", "dreaming", "kidding", "joking",
        "trying", "talking", "saying", "feeling", "getting", "being", "having", "playing", "just", "going", "reading",
        "watching", "writing", "using", "telling", "curious", "typing", "chatting", "waiting", "searching", "asking",
    };

    // "my code" is a program the user brings; "my locker code" or "my post code" is a fact about them (a PIN or a
    // one-time code is a credential: the secret check redacts it before anything is stored).
    private const string ProgramCode =
        @"(?<!\b(?:locker|gate|post|postal|zip|area|dialling|dialing|country|booking|confirmation|reference|promo|discount|" +
        @"voucher|tax|sort|airport|parking|room|gym|product|course|employee|student|staff|member|membership)\s)code";

    // "my X" where X is a person outside the family, or something about the conversation: never a fact about the user.
    private static readonly Regex NotOwnSubject = R(
        @"\b(friends?|boss|colleagues?|co-?workers?|neighbou?rs?|room-?mates?|flat-?mates?|house-?mates?|teachers?|landlord|landlady|" +
        @"manager|doctor|therapist|clients?|customers?|students?|classmates?|ex|buddy|mate|pal|team|professor|coach|character|" +
        @"question|problem|point|guess|bad|pleasure|idea|concern|issue|request|task|homework|essay|answer|message|" +
        ProgramCode + "|" +
        @"prompt|thoughts?|opinion|understanding|apologies|mistake|fault|turn|bet|advice|favou?rite\s+\w+|name|" +
        @"lawyer|dentist|date|crush|ai|assistant|chatbot|bot|app|computer\s+says|phone\s+says)$");

    // Someone outside the family (a word of "my best friend Tom", "my coworker Dana"): their facts are not the user's.
    private static readonly Regex ThirdParty = R(
        @"^(?:friends?|bff|bestie|boss|colleagues?|co-?workers?|workmates?|neighbou?rs?|room-?mates?|flat-?mates?|house-?mates?|" +
        @"landlord|landlady|tenants?|manager|clients?|customers?|patients?|students?|pupils?|classmates?|schoolmates?|teammates?|" +
        @"buddy|mate|pal|acquaintances?|employees?|employer|supervisee|mentee|ex|ex-\w+|teacher|professor|coach|doctor|therapist|" +
        @"lawyer|dentist|crush)$");

    // Objects of a task the user brings to the chat (code, data, a text to fix), not facts about the user.
    private static readonly Regex ConversationObject = R(
        @"\b(you|your|yours|question|questions|error|errors|exception|bug|bugs|problem|issue|idea|doubt|suggestion|feedback|request|" +
        @"answer|reply|response|message|prompt|chat|conversation|point|clue|sense|list|lists|function|functions|method|class|" +
        @"file|files|folder|script|" + ProgramCode + "|program|table|tables|dataset|data|array|string|variable|column|columns|row|rows|" +
        @"spreadsheet|csv|json|xml|query|database|endpoint|api|repo|repository|branch|commit|regex|loop|document|pdf|" +
        @"paragraph|sentence|essay|homework|assignment|equation|formula|chart|graph|slide|slides|presentation|template|" +
        @"draft|snippet|output|input|log|logs)\b");

    private static readonly Regex NotPossession = R(
        @"^(?:to\b|been\b|(?:still\s+)?got\b|had\b|done\b|seen\b|never\b|always\b|people\b|the\s+power\b|similar\s+interests\b|different\s+skills\b|(?:a|some|this|the)\s+(?:\w+\s+)?(?:pictures?|photos?|pics?|snaps?|shots?)\b|no\s+(?:idea|clue|time|problem|questions?|plans?)\b|" +
        @"a\s+(?:lot|bit|feeling|sense|look|go|try|chance|moment|minute|second|quick|few\s+questions|question|problem|" +
        @"doubt|suggestion|request|favou?r|thought|hunch|point|headache|cold|nice|good|great|fun|look)\b|" +
        @"an\s+(?:idea|issue|error|question|opinion|update|answer)\b|" +
        @"(?:some|one|two|three|another|more|other|few)\s+(?:more\s+)?(?:questions?|ideas?|thoughts?|issues?|problems?)\b|" +
        @"any\b|time|fun|nothing|something|everything|anything|enough|plenty|it|that|this|these|those|one|them|him|her|you|a\s+say|" +
        // "I have a few plans", "I've some stuff with sentimental value", "... and have our love": nothing to remember.
        @"(?:(?:some|a\s+few|few|lots\s+of|loads\s+of|a\s+lot\s+of|so\s+many|many|plenty\s+of|my|our|their|such)\s+)?(?:other\s+)?(?:(?:great|good|fond|happy|special|cool|amazing|fun|wonderful|lovely|sweet|bad|mixed)\s+)?" +
        @"(?:stuff|things|plans|memories|moments|news|love|support|faith|hope|courage|patience|luck|feelings|emotions)\b)");

    private static readonly Regex NotNounPhrase = R(
        @"^(?:a|an|the)\s+(?:bit|little|lot|mix|wreck|bundle|fan|huge\s+fan|big\s+fan|mess|fool|sucker|one|same|only\s+one|best|worst|last|first|" +
        @"\w+est|type\s+of\s+person\s+who|kind\s+of|sort\s+of|user|human|person\s+who|beginner\s+at|new\s+user|" +
        @"question|problem|moment|minute|while|way|rush|hurry|meeting|call|good\s+mood|bad\s+mood|mood)\b");

    private static readonly Regex OnSomethingRegex = R(
        @"\b(diet|medication|meds|medicine|pills?|thinners|insulin|treatment|therapy|antidepressants|steroids|dialysis|" +
        @"chemo|chemotherapy|inhaler|leave|benefits|waiting\s+list|the\s+pill|hrt|antibiotics|statins|metformin|crutches|painkillers|oxygen|" +
        @"birth\s+control|blood\s+thinners|sick\s+leave|maternity\s+leave|paternity\s+leave)\b");

    private static Regex OnSomething() => OnSomethingRegex;

    private static readonly Regex FutureTimeRegex = R(
        @"\b(tomorrow|tonight|next\s+\w+|this\s+(?:week|weekend|month|year|summer|winter|spring|fall|autumn|" +
        @"monday|tuesday|wednesday|thursday|friday|saturday|sunday|evening|afternoon)|in\s+(?:\d+|a|an|two|three|few)\s+(?:days?|weeks?|months?|years?)|" +
        @"(?:in|on|by|until|from|over|this|next)\s+(?:the\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|" +
        @"monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|christmas|easter|" +
        @"new\s+year|\d{1,2}(?:st|nd|rd|th)?\b|the\s+\d{1,2}(?:st|nd|rd|th)?|the\s+end\s+of|the\s+weekend|weekend|holidays)|" +
        @"(?:january|february|march|april|june|july|august|september|october|november|december)|soon|later\s+this|at\s+the\s+end\s+of)\b");

    private static Regex FutureTime() => FutureTimeRegex;

    private static string? NounPhrase(string raw)
    {
        if (NotNounPhrase.IsMatch(raw) || Value(raw, 10) is not { } v || ConversationObject.IsMatch(v))
        {
            return null;
        }

        return v;
    }

    // "I'm going to keep chasing my dreams": carrying on is encouragement, not a plan ("keep up with my German lessons" is).
    // "I'm going to need new shoes": a need or a wish, not something the user plans to do.
    private static string? PlanValue(string raw) =>
        Value(raw, 12) is { } v && !ConversationObject.IsMatch(v) && !v.StartsWith("be ", StringComparison.OrdinalIgnoreCase) &&
        !StativePlan().IsMatch(v) &&
        !(v.StartsWith("keep ", StringComparison.OrdinalIgnoreCase) && !v.StartsWith("keep up with ", StringComparison.OrdinalIgnoreCase)) ? v : null;

    private static string? Progressive(string verb, string rest)
    {
        if (NotFactProgressives.Contains(verb) && !(verb.Equals("getting", StringComparison.OrdinalIgnoreCase) &&
                                                    rest.StartsWith("married", StringComparison.OrdinalIgnoreCase)) &&
            !(verb.Equals("going", StringComparison.OrdinalIgnoreCase) && FutureTime().IsMatch(rest)) &&
            !(verb is "having" or "playing" or "writing" && FutureTime().IsMatch(rest)))
        {
            return null;
        }

        if (!DurableProgressives.Contains(verb) && !FutureTime().IsMatch(rest) && !TimeExpression.IsMatch(rest))
        {
            return null;
        }

        if (Pronoun.IsMatch(rest.Trim()) || ConversationObject.IsMatch(rest) || EndsWithPronoun().IsMatch(rest.Trim()) || PassingProgressive(verb, rest.Trim()) ||
            HereThere().IsMatch(rest.Trim()) || // "I've been working here for years": where "here" is, the memory cannot say
            rest.TrimStart().StartsWith("one ", StringComparison.OrdinalIgnoreCase) ||
            Value(rest, 12) is not { } v)
        {
            return null;
        }

        return $"{verb.ToLowerInvariant()} {v}";
    }

    /// <summary>How someone is getting on, not what they do: "I'm staying positive", "I'm doing my best", "I'm
    /// learning a lot", "I'm living my best life", "I'm working hard to finish". "I'm staying with my parents",
    /// "I'm doing a PhD", "I'm learning Welsh", "I'm living in Leeds" and "I'm working on a novel" stay facts.</summary>
    private static bool PassingProgressive(string verb, string rest) => verb.ToLowerInvariant() switch
    {
        "staying" => PassingState().IsMatch(rest) || !StayingWhere().IsMatch(rest),
        "doing" => DoingHow().IsMatch(rest),
        "learning" or "studying" or "training" or "practising" or "practicing" => LearningHowMuch().IsMatch(rest),
        "living" => !LivingWhere().IsMatch(rest),
        "working" => WorkingHard().IsMatch(rest) || WorkingOnSomething().IsMatch(rest),
        _ => false,
    };

    /// <summary>"knitting for years", "using Linux since 2010"; null for what is no habit ("waiting", "thinking about
    /// it") or whose object points into the chat ("working here", "doing that").</summary>
    private static string? LongHabit(string verb, string rest, string duration)
    {
        var r = rest.Trim();
        // "I've been working as a pharmacist for ten years": read as "I am working as ..." (the job), not as a habit.
        if (NotHabitProgressives.Contains(verb) || (r.Length > 0 && DurableProgressives.Contains(verb)) || (r.Length > 0 && (Pronoun.IsMatch(r) || ConversationObject.IsMatch(r) || HereThere().IsMatch(r))))
        {
            return null;
        }

        var v = r.Length == 0 ? string.Empty : Value(r, 6);
        var since = TextNormalizer.ToThirdPerson(char.ToLowerInvariant(duration[0]) + duration[1..]); // "since I was a kid" -> "since they were a kid"
        return v is null ? null : $"{verb.ToLowerInvariant()}{(v.Length > 0 ? " " + v : string.Empty)} {since}";
    }

    private static readonly HashSet<string> NotHabitProgressives = new(StringComparer.OrdinalIgnoreCase)
    {
        "thinking", "wondering", "asking", "looking", "hoping", "wishing", "considering", "dreaming", "kidding", "joking",
        "trying", "talking", "saying", "feeling", "getting", "being", "having", "going", "telling", "typing", "chatting",
        "waiting", "searching", "meaning", "planning", "putting", "dying", "begging", "praying",
    };

    [GeneratedRegex(@"^(?:here|there|on\s+(?:it|this|that)|at\s+(?:it|this|that)|with\s+(?:it|this|that|you))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HereThere();

    private static string? NegatedState(string raw)
    {
        var v = Value(raw, 6);
        if (v is null || AnymoreCue().IsMatch(raw))
        {
            return null;
        }

        // "I'm not on any medication": nothing taken, the same as the "on ..." rule takes.
        if (v.StartsWith("on ", StringComparison.OrdinalIgnoreCase) && OnSomething().IsMatch(v) && v.Split(' ').Length <= 4)
        {
            return v;
        }

        return Regex.IsMatch(v, "^(?:" + LastingStates + "|married|single|vegan|vegetarian|religious|a\\s+(?:morning|night|people|dog|cat|coffee|tea|big|huge)\\s+\\w+|an?\\s+\\w+(?:er|or|ist|ian)|allergic\\s+to\\s+.+|a\\s+smoker|a\\s+drinker)$",
            RegexOptions.IgnoreCase, MatchTimeout)
            ? v
            : null;
    }

    private static string? NegatedAction(string verb, string rest)
    {
        var v = verb.ToLowerInvariant();
        if ((NotFactVerbs.Contains(v) && v is not ("drive" or "play" or "go" or "run" or "keep" or "take" or "have")) ||
            (v.Length > 4 && v.EndsWith("ed", StringComparison.Ordinal))) // "I never decided to try it"
        {
            return null;
        }

        var r = rest.Trim();
        if (r.Length > 0 && (Pronoun.IsMatch(r) || ConversationObject.IsMatch(r) || AnymoreCue().IsMatch(r) || (v == "know" && NotAnObject().IsMatch(r))))
        {
            return null;
        }

        if (r.Length == 0)
        {
            return IntransitiveHabit(v) ? v : null;
        }

        return Value(r, 8) is { } value ? $"{v} {value}" : null;
    }

    private static bool IntransitiveHabit(string verb) =>
        verb is "drive" or "smoke" or "drink" or "swim" or "cook" or "vote" or "fly" or "gamble" or "dance" or "exercise" or "snore";

    private static string? Possession(string raw)
    {
        var r = raw.Trim();
        if (NotPossession.IsMatch(r) || PresentPerfect(r) || ConversationObject.IsMatch(r) || Value(r, 10) is not { } v)
        {
            return null;
        }

        return v;
    }

    /// <summary>"I've come a long way", "I've finally found my calling", "I've made great friends there": a past
    /// participle after "have" is the present perfect, not something the user has. Life events stay ("I have
    /// inherited a farm"), and so do adjectives before a noun ("I have limited mobility").</summary>
    private static bool PresentPerfect(string rest)
    {
        var m = PerfectLead().Match(rest);
        if (!m.Success)
        {
            return false;
        }

        var word = m.Groups["w"].Value.ToLowerInvariant();
        // "I've taken up photography", "I've picked up the ukulele": a new hobby, kept.
        if (LifeEventVerbs.Contains(word) || (word is "taken" or "picked" && m.Groups["next"].Value.StartsWith("up ", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return Memory.Retrieval.IrregularForms.BaseOf(word) != word || word is "come" or "become" or "run" or "put" or "read" or "let" or "set" ||
               (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && (m.Groups["next"].Value.Length == 0 || ParticipleObject().IsMatch(m.Groups["next"].Value)));
    }

    private static FactDraft? Action(string adverb, string verb, string rest)
    {
        var v = verb.ToLowerInvariant();
        var past = LifeEventVerbs.Contains(v);
        // "I ran a race", "I felt nervous", "I chose a sofa": an irregular past tense is an event, not a lasting fact.
        if (!past && Memory.Retrieval.IrregularForms.BaseOf(v) != v)
        {
            return null;
        }

        // "I recently read a book", "I just put ...": the same form as the present, but past after these adverbs.
        if (adverb.Trim() is { Length: > 0 } a && a.ToLowerInvariant() is "recently" or "just" or "already" or "finally" &&
            v is "read" or "put" or "cut" or "set" or "hit" or "let" or "spread" or "shut" or "hurt" or "cost")
        {
            return null;
        }

        // "I know encouragement is what got me here": what the user knows is a clause, not a skill.
        if (v == "know" && (ClauseVerb().IsMatch(rest) || KnowWhat().IsMatch(rest)))
        {
            return null;
        }

        // "I stay motivated by ...", "I keep running into setbacks": a mood or a repeated happening.
        if ((v == "stay" && PassingState().IsMatch(rest.Trim())) || (v == "keep" && KeepDoing().IsMatch(rest.Trim())) ||
            (v == "get" && GetSupport().IsMatch(rest.Trim())))
        {
            return null;
        }

        if (!past && (v.EndsWith("ed", StringComparison.Ordinal) || v.EndsWith("ly", StringComparison.Ordinal) ||
                      (NotFactVerbs.Contains(v) && !PlainVerbs.Contains(v)) || v.EndsWith('s') && v.Length > 3 && !v.EndsWith("ss", StringComparison.Ordinal)))
        {
            return null;
        }

        var r = rest.Trim();
        // "I cycle to work": a way of getting somewhere, where "to" is not the start of an infinitive ("I want to ...").
        var commute = v is "cycle" or "bike" or "walk" or "drive" or "commute" or "ride" or "run" or "jog" or "skate" or "scooter"
            && CommuteDestination().IsMatch(r);
        if (Pronoun.IsMatch(r) || ConversationObject.IsMatch(r) || (!past && !commute && v != "come" && NotAnObject().IsMatch(r)) || EndsWithPronoun().IsMatch(r) ||
            ThatClause().IsMatch(r))
        {
            return null;
        }

        if (PlainVerbs.Contains(v) && !TimeExpression.IsMatch(r) && !Regex.IsMatch(r, @"^(?:the\s+)?[a-z]", RegexOptions.IgnoreCase, MatchTimeout))
        {
            return null;
        }

        if (Value(r, 12) is not { } value)
        {
            return null;
        }

        var said = past ? v : ThirdPersonVerb(v);
        var text = $"{adverb.ToLowerInvariant()}{said} {(past ? value : WithSecondVerbAgreeing(value))}";
        return Draft(FactSlots.Other, text, $"The user {text}");
    }

    private static FactDraft? Possessive(string who, string name, string verb, string rest)
    {
        // As written: after "my" a capital marks a name ("my dog Pepper", "my PhD supervisor"), which the memory keeps.
        var w = who.Trim();
        // "my sister's birthday" is the user's family; "my friend's dog" is somebody else's.
        var owner = w.IndexOf("'s ", StringComparison.Ordinal);
        if (owner > 0 && NotOwnSubject.IsMatch(w[..owner]))
        {
            return null;
        }

        // "my friend Tom is allergic to nuts", "my coworker Dana is vegan", "my boss Sarah lives in Paris": the
        // words before a name are someone outside the family, whose facts are theirs, not the user's.
        if (w.Split(' ').Any(word => ThirdParty.IsMatch(word)) || (name.Length > 0 && ThirdParty.IsMatch(w.Split(' ')[^1])))
        {
            return null;
        }

        // "my son's fine and that was a reminder": "'s" was "is", and the subject ran on into the next clause.
        // "our families are so happy for us", "my dogs are doing better": how they feel today, not a fact.
        // "my patient told me he lives in Madrid", "my mum says I work too hard": what they said, not a fact (the
        // subject ran on over the verb of saying).
        if (ReportingVerb().IsMatch(w) ||
            NotOwnSubject.IsMatch(w) || ConversationObject.IsMatch(w) || NotASubjectWord().IsMatch(w) || Pronoun.IsMatch(rest.Trim()) || ConversationObject.IsMatch(rest) ||
            (verb.ToLowerInvariant() is "is" or "are" or "was" or "were" && PassingFeeling().IsMatch(rest.Trim())) ||
            // "my store has been a roller coaster": a figure of speech.
            (verb.ToLowerInvariant() is "has" or "have" && BeenAFigure().IsMatch(rest.Trim())) ||
            // "my family is my motivation", "my team is like my second family", "my dogs had a blast", "my writing is
            // going well": what they mean to the user, or how a day went.
            PossessiveFigure().IsMatch($"{verb} {rest.Trim()}"))
        {
            return null;
        }

        // "my locker code is now 5520": the value is what the memory keeps; "now" is when it was said.
        var r = rest.TrimStart();
        foreach (var lead in (ReadOnlySpan<string>)["now ", "currently "])
        {
            if (r.StartsWith(lead, StringComparison.OrdinalIgnoreCase))
            {
                r = r[lead.Length..];
                break;
            }
        }

        if (Value(r, 12) is not { } value)
        {
            return null;
        }

        if (value.StartsWith("born", StringComparison.OrdinalIgnoreCase) && value.Length <= "born back".Length && BornInYear().Match(r) is { Success: true } born)
        {
            // "My brother was born in 1990": the year is what the memory keeps, not a time said in passing.
            value = $"born in {born.Groups["y"].Value}";
        }

        value = TextNormalizer.ToThirdPerson(value); // "expecting our first baby" -> "expecting their first baby"
        var n = name.Trim();
        var subject = n.Length > 0 ? $"{w} {n}" : w;
        return Draft(FactSlots.Other, $"{subject} {verb} {value}", $"The user's {subject} {verb.ToLowerInvariant()} {value}");
    }

    [GeneratedRegex(@"^born\s+(?:back\s+)?in\s+(?<y>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase, Text.RegexBudget.Milliseconds)]
    private static partial Regex BornInYear();

    // A verb of saying or thinking in lower case, followed by who it was said to or what was said ("told me", "says
    // I", "thinks we", "said that"): "My daughter Hope", "my claims adjuster" and "my feel-good movie" are no reports.
    [GeneratedRegex(@"\b(?:told|tells?|said|says?|mentioned|mentions?|thinks?|thought|believes?|believed|claims?|claimed|" +
        @"asked|asks?|wants?|wanted|hopes?|hoped|wonders?|wondered|explained|explains?|warned|warns?|suggested|suggests?|" +
        @"promised|promises?|reckons?|insists?|insisted|admitted|admits?|texted|wrote|writes?|emailed|feels?|felt|heard|hears?|" +
        @"worries|worried|agrees?|agreed|doubts?|doubted|guesses|guessed|swears?|swore)\s+(?:me|us|him|her|them|that|I|we|he|she|they|it|my|our|his|their)\b")]
    private static partial Regex ReportingVerb();

    [GeneratedRegex(@"\b(?:anymore|any\s+more|any\s+longer|no\s+longer|after\s+all)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnymoreCue();

    [GeneratedRegex(@"\b(?:it|that|this|them|these|those)$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsWithPronoun();

    /// <summary>"(I practice) and train every day": a second verb joined to the first agrees with the user too.</summary>
    private static string WithSecondVerbAgreeing(string value) =>
        SecondVerb().Match(value) is { Success: true } second
            ? $"and {ThirdPersonVerb(second.Groups["verb"].Value)}{value[second.Length..]}"
            : value;

    [GeneratedRegex(@"^and\s+(?<verb>practice|train|cook|bake|paint|draw|write|read|sing|dance|play|run|swim|cycle|hike|teach|study|work|travel|volunteer|knit|sew|garden|coach|compete|perform|tutor|mentor|build|make|fix|design|code|compose|record|edit|host|organize|organise)(?![\w'-])", RegexOptions.IgnoreCase)]
    private static partial Regex SecondVerb();

    [GeneratedRegex(@"^(?:need|want|wish|hope|love|like|have\s+to|miss|feel|know|think)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StativePlan();

    // "I know that you ...", "we show people that they matter": a reported clause, not an object.
    [GeneratedRegex(@"\bthat\s+(?:I|we|you|they|he|she|it|there|people|everyone)\b|^\w+\s+(?:they|you|we)'re\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThatClause();

    [GeneratedRegex(@"^(?:so\s+|really\s+|very\s+|pretty\s+|super\s+)?(?:positive|hopeful|motivated|focused|focussed|determined|strong|calm|upbeat|optimistic|sane|grounded|humble|busy|present|inspired|connected|in\s+touch|on\s+track|patient|curious|open|true|awake|cool|chill|safe|quiet|put|tuned|sharp|humble|grateful|thankful|happy|sad|healthy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PassingState();

    [GeneratedRegex(@"^(?:in|at|with|near|on|over|overnight|home|abroad|until|till|for|in\s+touch)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StayingWhere();

    [GeneratedRegex(@"^(?:(?:my|our|their|the|your)\s+(?:best|bit|part|thing|utmost)|(?:a|such\s+a)\s+(?:\w+\s+)?job\b|ok|okay|fine|well|good|great|alright|all\s+right|better|worse|amazing|awesome|so-?so|pretty|really|very|much|so|too|a\s+lot|lots|terrible|badly|fantastic|wonderful|excellent|brilliant|everything|something|things|stuff)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DoingHow();

    [GeneratedRegex(@"^(?:a\s+lot|a\s+ton|tons|lots|loads|heaps|so\s+much|a\s+bunch|with\b|from\b|(?:real|really|so|very)?\s*hard\b|as\s+I\s+go|every\s+day|new\s+things|more|along|fast|quickly|slowly)", RegexOptions.IgnoreCase)]
    private static partial Regex LearningHowMuch();

    [GeneratedRegex(@"^(?:in|at|with|near|on|off|abroad|alone|together|by\s+the|out\s+of|close\s+to|next\s+to|downstairs|upstairs|between|outside|just\s+outside|above|below|across|opposite|rent-free|apart|separately)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LivingWhere();

    [GeneratedRegex(@"^(?:really\s+|so\s+|very\s+)?(?:hard|late|long\s+hours)(?:\s+to\b|\s+and\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex WorkingHard();

    [GeneratedRegex(@"\b(?:and|or|but|that|which|ok|okay|fine|alright|not)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotASubjectWord();

    // "I get help from people who support me": how the user copes, said in passing.
    [GeneratedRegex(@"^(?:(?:a\s+lot\s+of|lots\s+of|some|so\s+much)\s+)?(?:help|support|advice|feedback|inspiration|ideas|attention|encouragement|motivation|energy|comfort|strength|joy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GetSupport();

    // "I'm working on a project", "on something complicated": nothing to remember until it is named.
    [GeneratedRegex(@"^on\s+(?:(?:a|some|this|that|my)\s+)?(?:(?:big|new|cool|fun|small|little|side|secret)\s+)?(?:project|projects|something(?:\s+\w+)?|stuff|things|it)$", RegexOptions.IgnoreCase)]
    private static partial Regex WorkingOnSomething();

    [GeneratedRegex(@"^been\s+(?:(?:a|an|such\s+a|quite\s+a|a\s+real)\s+)?(?:wild\s+|crazy\s+|long\s+|tough\s+|great\s+|fun\s+)?(?:roller\s*-?\s*coaster|journey|ride|struggle|challenge|blast|learning\s+experience|adventure|dream|whirlwind|lifesaver|game\s+changer|godsend)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BeenAFigure();

    [GeneratedRegex(@"^[a-z]+ing\b", RegexOptions.IgnoreCase)]
    private static partial Regex KeepDoing();

    [GeneratedRegex(@"^(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:always|still|really|truly|just)\s+)*(?:like\b|there\s+for\s+(?:me|us)\b|(?:my|our)\s+(?:(?:whole|biggest|main|greatest|second)\s+)*(?:future|motivation|rock|rocks|everything|world|life|lifeline|inspiration|strength|support|supporters?|family|heroes|hero|buddies|pride\s+and\s+joy)\b|going\s+(?:well|great|good|fine|okay|ok|smoothly)\b|comin'?g?\s+true\b)|^(?:had|have\s+had)\s+(?:a\s+(?:blast|ball|great\s+time|good\s+time|lot\s+of\s+fun)|fun|so\s+much\s+fun)\b|^(?:can|could)\s+(?:come|join|make\s+it)\b|^(?:has|have)\s+taken\s+a\s+back\s*seat\b|^(?:was|were)\s+able\s+to\b", RegexOptions.IgnoreCase)]
    private static partial Regex PossessiveFigure();

    // "I know firsthand how this impacts neighborhoods": what the user knows is a clause, not a skill.
    [GeneratedRegex(@"\b(?:how|what|why|where|when|whether)\b", RegexOptions.IgnoreCase)]
    private static partial Regex KnowWhat();

    [GeneratedRegex(@"^(?:(?:just|finally|already|recently|also|never|always|really|truly|definitely|actually|since|now)\s+)*(?<w>[a-z]+)\b\s*(?<next>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex PerfectLead();

    [GeneratedRegex(@"^(?:a|an|the|my|our|their|his|her|your|this|that|these|those|some|so|lots|loads|it|them|him|her|much|more|myself|ourselves|one|a\s+lot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ParticipleObject();

    [GeneratedRegex(@"\b(?:is|are|was|were|can|will|did|does|got|has|have|had)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseVerb();

    [GeneratedRegex(@"^(?:(?:really|so|very|super|pretty|all|both|just|absolutely)\s+)*(?:happy|excited|proud|glad|thrilled|sad|upset|worried|stoked|pumped|amazed|delighted|over\s+the\s+moon|doing\s+(?:better|well|great|fine|ok|okay|good|alright)|getting\s+\w+|coming\s+along|paying\s+off|going\s+to\s+be|amazing|awesome|great|incredible|cool|beautiful|cute|lovely|the\s+best|wonderful|fantastic|perfect|adorable|the\s+greatest)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PassingFeeling();

    [GeneratedRegex(@"^(?:there|here|back|away|ahead|along|forward|again|too|so|well|better|worse|up|down|off|out|to\b|that\b|what\b|how\b|why\b|if\b|whether\b|about\b|(?:I|we|you|they|he|she|it)(?:'\w+)?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnObject();

    [GeneratedRegex(@"^to\s+(?:work|school|college|uni|university|campus|town|class|classes|(?:the|my)\s+(?:office|station|gym|clinic|hospital|lab|library|studio|shop|store|factory|warehouse|site|city|city\s+centre|city\s+center|job|work))\b", RegexOptions.IgnoreCase)]
    private static partial Regex CommuteDestination();
}
