namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicRules
{
    internal const string Occupations =
        "engineer|developer|programmer|coder|designer|teacher|professor|lecturer|nurse|doctor|physician|surgeon|dentist|" +
        "pharmacist|lawyer|attorney|accountant|architect|manager|consultant|analyst|scientist|researcher|writer|author|" +
        "journalist|editor|artist|illustrator|musician|photographer|chef|cook|baker|waiter|waitress|bartender|barista|" +
        "driver|pilot|mechanic|electrician|plumber|carpenter|farmer|firefighter|police\\s+officer|officer|soldier|" +
        "salesperson|salesman|saleswoman|marketer|entrepreneur|founder|co-founder|ceo|cto|cfo|freelancer|translator|" +
        "therapist|psychologist|psychiatrist|veterinarian|vet|librarian|cashier|nanny|recruiter|administrator|" +
        "secretary|intern|paramedic|midwife|economist|banker|trader|actor|actress|dancer|singer|coach|trainer|tutor|" +
        "social\\s+worker|civil\\s+servant|sysadmin|devops|tester|technician|student|pastor|priest|judge|surveyor|" +
        "carer|caregiver|cleaner|janitor|realtor|real\\s+estate\\s+agent|agent|broker|underwriter|statistician|mathematician|" +
        "physicist|chemist|biologist|geologist|astronomer|historian|archaeologist|linguist|interpreter|copywriter|" +
        "producer|director|animator|streamer|youtuber|podcaster|influencer|investor|owner";

    /// <summary>Whether what follows "I work in" is a place (a proper name that is no acronym: "Leeds", "central London";
    /// or a kind of place: "the city centre", "an office", "a hospital") rather than a field ("marketing", "IT", "sales").</summary>
    private static bool IsWorkplace(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return !words.All(w => Dedup.DedupLexicon.WorkFields.Contains(w)) &&
               (words.Any(w => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower)) ||
                words.Any(w => WorkplaceNouns.Contains(w.ToLowerInvariant())));
    }

    private static readonly HashSet<string> WorkplaceNouns = new(StringComparer.Ordinal)
    {
        "city", "centre", "center", "town", "village", "suburbs", "suburb", "countryside", "area", "office", "offices",
        "school", "hospital", "shop", "store", "factory", "warehouse", "bank", "restaurant", "cafe", "hotel", "lab",
        "laboratory", "clinic", "library", "pub", "bar", "bakery", "kitchen", "studio", "garage", "salon", "nursery",
        "prison", "airport", "station", "port", "mine", "farm", "surgery", "pharmacy", "home", "building", "headquarters",
    };

    private static IEnumerable<Rule> WorkRules() =>
    [
        Make(@"^I\s+(?:currently\s+|now\s+|still\s+|also\s+|actually\s+)?(?:work|am\s+working|'m\s+working|have\s+been\s+working|'ve\s+been\s+working|have\s+worked|'ve\s+worked)\s+(?<p>at|for|in)\s+(?<v>.+?)(?:\s+as\s+(?:a\s+|an\s+)?(?<job>.+))?$",
            m =>
            {
                var raw = m.Groups["v"].Value;
                if (raw.Trim().Equals("myself", StringComparison.OrdinalIgnoreCase))
                {
                    return [Draft(FactSlots.Job, "self-employed", "The user is self-employed")];
                }

                var p = m.Groups["p"].Value.ToLowerInvariant();
                var employer = p == "in" ? Value(raw, 6) : Organization(raw);
                if (employer is null || Pronoun.IsMatch(employer) || employer.StartsWith("home", StringComparison.OrdinalIgnoreCase) ||
                    employer.StartsWith("night", StringComparison.OrdinalIgnoreCase) || employer.StartsWith("the moment", StringComparison.OrdinalIgnoreCase))
                {
                    return [];
                }

                var drafts = new List<FactDraft>
                {
                    // "I work in Leeds", "I work in the city centre": where the user works, no job (the job slot holds one
                    // value, and "works in Leeds" replaced "works as a nurse"); "I work in marketing" is the field, a job.
                    p == "in" && IsWorkplace(employer)
                        ? Draft(FactSlots.Other, employer, $"The user works in {employer}")
                        : p == "in"
                        ? Draft(FactSlots.Job, employer, $"The user works in {employer}")
                        : Draft(FactSlots.Employer, employer, $"The user works {(p == "for" ? "for" : "at")} {employer}"),
                };
                if (m.Groups["job"].Success && Value(m.Groups["job"].Value, 5) is { } job)
                {
                    drafts.Add(Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}"));
                }

                return drafts;
            }, exclusive: true),
        // "I work as a data scientist at Spotify in Stockholm": the job, and the employer when one is named; the town
        // is a fact of its own, not the job (a job slot holds one value, and "works in Stockholm" would replace the job).
        Make(@"^I\s+(?:currently\s+|now\s+)?(?:work|am\s+working|'m\s+working)\s+as\s+(?:a\s+|an\s+)?(?<v>.+?)(?:\s+(?:at|for)\s+(?<emp>.+?))?(?:\s+in\s+(?<place>(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*){0,2}))?(?:\s+(?:now|these\s+days|currently|at\s+the\s+moment))?$",
            m =>
            {
                if (Value(m.Groups["v"].Value, 5) is not { } job)
                {
                    return [];
                }

                var drafts = new List<FactDraft> { Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}") };
                if (m.Groups["emp"].Success && Organization(m.Groups["emp"].Value) is { } employer && !Pronoun.IsMatch(employer))
                {
                    drafts.Add(Draft(FactSlots.Employer, employer, $"The user works at {employer}"));
                }

                if (m.Groups["place"].Success && Value(m.Groups["place"].Value, 3) is { } place)
                {
                    // Where the user works, a fact of its own beside the job ("I work as a chef in Leeds").
                    drafts.Add(Draft(FactSlots.Other, place, $"The user works in {place}"));
                }

                return drafts;
            }, exclusive: true),
        Make(@"^I(?:'m|\s+am)\s+(?:now\s+|currently\s+)?(?:a|an)\s+(?<v>(?:[\w-]+\s+){0,3}?(?:" + Occupations + @"))(?:\s+(?<ep>at|for)\s+(?<emp>.+))?$",
            m =>
            {
                var job = m.Groups["v"].Value.ToLowerInvariant();
                if (job.EndsWith("student", StringComparison.Ordinal))
                {
                    var school = m.Groups["emp"].Success ? Organization(m.Groups["emp"].Value) : null;
                    return [Draft(FactSlots.Education, school ?? job, school is null ? $"The user is {Article(job)} {job}" : $"The user is {Article(job)} {job} at {school}")];
                }

                // "I'm a full-time carer for my mum": whom the user works for, a relative, is no employer.
                if (m.Groups["emp"].Success && OwnPerson().IsMatch(m.Groups["emp"].Value.Trim()))
                {
                    var whom = m.Groups["ep"].Value.Equals("for", StringComparison.OrdinalIgnoreCase) && Value(m.Groups["emp"].Value, 4) is { } w ? $" for {w}" : string.Empty;
                    return [Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}{whom}")];
                }

                var drafts = new List<FactDraft> { Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}") };
                if (m.Groups["emp"].Success && (Organization(m.Groups["emp"].Value)) is { } employer)
                {
                    drafts.Add(Draft(FactSlots.Employer, employer, $"The user works at {employer}"));
                }

                return drafts;
            }, exclusive: true),
        One(@"^my\s+(?:job|profession|occupation|role)\s+is\s+(?:a\s+|an\s+)?(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 6) is not { } job
                ? null
                : job.Split(' ')[0].EndsWith("ing", StringComparison.OrdinalIgnoreCase)
                    ? Draft(FactSlots.Job, job, $"The user's job is {job}")
                    : Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}"), exclusive: true),
        // "I joined Volvo as a machine learning engineer": the employer, and the job when one follows "as".
        Make(@"^I\s+(?:just\s+|recently\s+)?(?:joined(?!\s+in\b)|started\s+(?:a\s+new\s+job\s+|working\s+)?at|(?:got|landed|accepted|started)\s+(?:a\s+(?:new\s+)?(?:job|position|role)|hired)\s+(?:at|by|with)|am\s+employed\s+(?:at|by)|'m\s+employed\s+(?:at|by))\s+(?<v>.+?)(?:\s+as\s+(?:a\s+|an\s+)?(?<job>.+))?$",
            m =>
            {
                if (Organization(m.Groups["v"].Value) is not { } e || JoinedGroup().IsMatch(e))
                {
                    return [];
                }

                var drafts = new List<FactDraft> { Draft(FactSlots.Employer, e, $"The user works at {e}") };
                if (m.Groups["job"].Success && Value(m.Groups["job"].Value, 5) is { } job)
                {
                    drafts.Add(Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}"));
                }

                return drafts;
            }, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:now\s+)?(?<v>retired|unemployed|self-employed|freelancing|between\s+jobs|a\s+stay-at-home\s+(?:mom|dad|parent))(?:\s+(?:now|already))?$",
            m => Draft(FactSlots.Job, m.Groups["v"].Value, $"The user is {m.Groups["v"].Value.ToLowerInvariant()}"), exclusive: true),
        // "I got promoted to senior engineer": the new job.
        One(@"^I\s+(?:(?:just|recently|finally)\s+)?(?:got|was|have\s+been|'ve\s+been)\s+promoted\s+to\s+(?:the\s+(?:role|position)\s+of\s+)?(?:a\s+|an\s+)?(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 5) is { } job && !job.StartsWith("the ", StringComparison.OrdinalIgnoreCase) && !Pronoun.IsMatch(job)
                ? Draft(FactSlots.Job, job, $"The user works as {Article(job)} {job}")
                : null, exclusive: true),
        // "I studied biology at Oxford": what and where the user studied.
        One(@"^I\s+(?:studied|majored\s+in|did\s+(?:a|my)\s+(?:degree|bachelor'?s|master'?s|masters|phd|ba|bsc|ma|msc)\s+in)\s+(?<v>(?!(?:for|hard|all|late|at|in|on|with|to|a\s+lot|really|so|too|abroad|the|this|that|these|those|my|your|his|her|their|our|it|a|an|some|every)\b)[\w' -]+?)(?:\s+at\s+(?<school>.+))?$",
            m =>
            {
                if (Value(m.Groups["v"].Value, 4) is not { } subject || LearningHowMuch().IsMatch(subject))
                {
                    return null;
                }

                var school = m.Groups["school"].Success ? Organization(m.Groups["school"].Value) : null;
                return Draft(FactSlots.Education, subject, school is null ? $"The user studied {subject}" : $"The user studied {subject} at {school}");
            }, exclusive: true),
        One(@"^I\s+do\s+(?<v>[a-z][\w -]{2,40}?)\s+for\s+a\s+living$",
            m => Value(m.Groups["v"].Value, 5) is { } v ? Draft(FactSlots.Job, v, $"The user does {v} for a living") : null, exclusive: true),
        One(@"^I\s+(?:study|am\s+studying|'m\s+studying|major\s+in|am\s+majoring\s+in|'m\s+majoring\s+in)\s+(?<v>.+?)(?:\s+at\s+(?<school>.+))?$",
            m =>
            {
                // "I've been studying real hard": how much, not what.
                if (LearningHowMuch().IsMatch(m.Groups["v"].Value.Trim()) || Value(m.Groups["v"].Value, 5) is not { } subject)
                {
                    return null;
                }

                var school = m.Groups["school"].Success ? Organization(m.Groups["school"].Value) : null;
                return Draft(FactSlots.Education, subject, school is null ? $"The user studies {subject}" : $"The user studies {subject} at {school}");
            }, exclusive: true),
    ];

    // "my mum", "our elderly neighbour", "my two kids": people, never an employer.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:my|our)\s+(?:\w+\s+){0,2}?(?:" + Relatives + @"|grand\w+|in-laws?|family|neighbou?rs?|friends?)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OwnPerson();

    // "I joined a book club", "I joined the local choir": a group the user belongs to, not an employer.
    // Lower case only: "the Volvo Group" is a company.
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:club|group|gym|team|choir|band|class|classes|community|league|society|union|party|program|programme|course|network|circle|committee|movement|forum|crew|squad|association|orchestra|collective|congregation|church|meetup|chapter|guild|cooperative|co-op|tournament|competition|contest|challenge|race|marathon|hackathon|workshop|retreat|camp|conference)s?\b")]
    private static partial System.Text.RegularExpressions.Regex JoinedGroup();
}
