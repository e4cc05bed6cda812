namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicRules
{
    private static readonly System.Text.RegularExpressions.Regex TimeExpression = R(
        @"\b(on|every|each)\s+(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|weekdays?|mornings?|evenings?|nights?|afternoons?|day|week|month)\b|\b(at|around|before|after|by)\s+\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.|h)?\b|\b(at|around)\s+(noon|midnight)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:to|through|till|until|-)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(every\s+day|daily|weekly|twice\s+a\s+week|once\s+a\s+week|\w+\s+times\s+a\s+week|in\s+the\s+(mornings?|evenings?|afternoons?)|at\s+night|night\s+shifts?|early\s+shifts?|late\s+shifts?|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends|weekdays)\b");

    private const string Adverbs = @"(?<adv>usually\s+|always\s+|normally\s+|often\s+|typically\s+|generally\s+|mostly\s+|never\s+|sometimes\s+|regularly\s+)?";

    private static readonly HashSet<string> NotScheduleVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "like", "love", "enjoy", "adore", "hate", "dislike", "think", "guess", "believe", "was", "were", "did", "will",
        "would", "could", "should", "can", "might", "must", "don't", "didn't", "won't", "can't", "am", "want", "need",
        "wish", "hope", "feel", "know", "mean", "said", "told", "asked", "wonder", "forgot", "remember", "saw", "met",
        "went", "had", "got", "just", "also", "really", "speak", "live", "moved", "first", "once", "even", "ever", "never",
        "rarely", "seldom", "later", "then", "soon", "sort", "kind", "still", "actually", "definitely",
    };

    private static IEnumerable<Rule> ScheduleRules() =>
    [
        One(@"^I\s+" + Adverbs + @"work\s+(?<v>(?:night|early|late|morning|evening|weekend)\s+shifts?|nights|weekends|part[- ]time|full[- ]time|remotely|remote|from\s+home|shifts|\w+\s+days\s+a\s+week|\d+\s+hours\s+a\s+week)(?<rest>.*)$",
            m => Schedule(m.Groups["adv"].Value, "work", m.Groups["v"].Value + m.Groups["rest"].Value), exclusive: true),
        One(@"^my\s+(?:work\s+|working\s+|office\s+)?(?<n>hours|schedule|shift|shifts)\s+(?<be>is|are)\s+(?<v>.+)$",
            m =>
            {
                if (SchedulePhrase(m.Groups["v"].Value) is not { } v)
                {
                    return null;
                }

                // "my shifts are 12 hours": how long a shift is, said of the shifts; hours and schedules as before.
                var n = m.Groups["n"].Value.ToLowerInvariant();
                return n.StartsWith("shift", StringComparison.Ordinal)
                    ? Draft(FactSlots.Schedule, "work hours", $"The user's {n} {m.Groups["be"].Value.ToLowerInvariant()} {v}")
                    : Draft(FactSlots.Schedule, "work hours", $"The user's work hours are {v}");
            }, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+" + Adverbs + @"(?<state>busy|free|off|available|unavailable|at\s+work|in\s+meetings|offline|online|at\s+the\s+gym|away|in\s+the\s+office|at\s+the\s+office|on\s+call|at\s+home|up|awake|in\s+bed|asleep)\s+(?<rest>.+)$",
            m => TimeExpression.IsMatch(m.Groups["rest"].Value) && SchedulePhrase(m.Groups["rest"].Value) is { } rest &&
                 // "I'm up at 6 tomorrow" is one morning; "I'm usually up by 5:30", "up at 6 on weekdays" is a routine.
                 (m.Groups["state"].Value.ToLowerInvariant() is not ("up" or "awake" or "in bed" or "asleep") || m.Groups["adv"].Length > 0 || Recurring().IsMatch(rest))
                ? Draft(FactSlots.Schedule, $"{m.Groups["state"].Value} {rest}", $"The user is {m.Groups["adv"].Value}{m.Groups["state"].Value.ToLowerInvariant()} {rest}")
                : null, exclusive: true),
        One(@"^I\s+" + Adverbs + @"(?<verb>[a-z]+)\s+(?<rest>.+)$",
            m =>
            {
                var verb = m.Groups["verb"].Value;
                var rest = m.Groups["rest"].Value;
                return NotScheduleVerbs.Contains(verb) || verb.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || !TimeExpression.IsMatch(rest) ||
                       Memory.Retrieval.IrregularForms.BaseOf(verb.ToLowerInvariant()) != verb.ToLowerInvariant() // "I ran ... at 6", a past event
                    ? null
                    : Schedule(m.Groups["adv"].Value, verb, rest);
            }, exclusive: true),
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:every|each|daily|weekdays?|weekends?|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|most\s+(?:days|mornings|nights))\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Recurring();

    private static FactDraft? Schedule(string adverb, string verb, string rest)
    {
        if (SchedulePhrase(rest) is not { } phrase)
        {
            return null;
        }

        var said = $"{adverb.ToLowerInvariant()}{ThirdPersonVerb(verb)} {WithSecondVerbAgreeing(phrase)}";
        return Draft(FactSlots.Schedule, $"{verb} {phrase}", $"The user {said}");
    }

    /// <summary>The rest of a schedule statement: cut at the next clause, first person rewritten, time kept.</summary>
    private static string? SchedulePhrase(string raw)
    {
        var v = raw.Trim();
        var cut = ClauseBoundary.Match(v);
        if (cut.Success && cut.Index > 0)
        {
            v = v[..cut.Index];
        }

        v = v.Trim().TrimEnd('.', '!', '?', ',', ';', ':').Trim();
        return v.Length is 0 or > 80 || Anaphoric.IsMatch(v) ? null : TextNormalizer.ToThirdPerson(v);
    }
}
