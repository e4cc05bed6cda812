using System.Text.RegularExpressions;
using Memory.Stores;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Extraction;

/// <summary>Built-in extraction with no LLM call: first-person statements, style preferences and retractions from
/// the user's messages, phrased as third-person memories ("The user lives in Porto"). Observations that are not
/// first-person statements are kept as they were observed.</summary>
internal sealed partial class HeuristicFactExtractor(IOptions<WriteBackOptions> options, IMemoryStore? store = null) : IFactExtractor
{
    private const int MaxObservationLength = 500;

    private readonly WriteBackOptions _options = options.Value;

    /// <summary>Extracts with the names the user's current memories introduce ("Meera is allergic to peanuts" after "My
    /// daughter Meera is 6" in another conversation); the store is read only when a clause opens with a name.</summary>
    public async Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return Extract(turn, await KnownPeopleAsync(turn, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The names the user's current memories introduce, when the turn may speak of someone by name.</summary>
    public async Task<KnownPeople?> KnownPeopleAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // An app's observation names other people as often as the user's ("Max is the account admin"): only what the
        // user says in chat is read with the user's people.
        if (store is null || turn.IsObservation || !turn.UserMessages.Any(m => MayNameSomeone(m.Text)))
        {
            return null;
        }

        var memories = await store.ListAsync(turn.User, MemoryFilter.Current, cancellationToken).ConfigureAwait(false);
        return KnownPeople.From(memories.Select(m => m.Text));
    }

    public IReadOnlyList<ExtractedFact> Extract(ConversationTurn turn) => Extract(turn, known: null);

    public IReadOnlyList<ExtractedFact> Extract(ConversationTurn turn, KnownPeople? known)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var facts = new List<ExtractedFact>();
        var people = turn.IsObservation ? null : known?.Copy() ?? new KnownPeople();
        for (var m = 0; m < turn.UserMessages.Count; m++)
        {
            var message = turn.UserMessages[m];
            var named = people?.For(message.Text);
            var statements = HeuristicStatements.Read(message.Text, named);
            if (statements.Count == 0 && m == 0 && !turn.IsObservation && AnswerFrames.Compose(turn.AssistantQuestion, message.Text) is { } answered)
            {
                // "Porto" after "Where do you live?": the user's word, read as the sentence it answers.
                statements = HeuristicStatements.Read(answered, named);
            }

            foreach (var s in statements)
            {
                var confidence = s.Hedged || turn.IsObservation ? _options.InferredConfidence : _options.StatedConfidence;
                Add(facts, new ExtractedFact
                {
                    Text = s.Draft.Text,
                    Slot = s.Draft.Slot,
                    Subject = s.Draft.Subject,
                    Action = s.Action,
                    Confidence = confidence,
                    Sources = [message.Id],
                    Additional = s.Action == FactAction.Assert && SaysAlso(message.Text, s.Draft.Subject),
                    Now = s.Now,
                });
            }

            if (statements.Count == 0 && turn.IsObservation && Observed(message.Text) is { } observed)
            {
                Add(facts, new ExtractedFact
                {
                    Text = observed,
                    Slot = FactSlots.Observation,
                    Subject = null,
                    Confidence = _options.InferredConfidence,
                    Sources = [message.Id],
                });
            }
        }

        return facts;
    }

    /// <summary>An observation kept as observed, unless it instructs the system.</summary>
    private static string? Observed(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length is 0 or > MaxObservationLength || InstructionFilter.IsInstruction(normalized))
        {
            return null;
        }

        if (normalized.StartsWith("user ", StringComparison.OrdinalIgnoreCase))
        {
            normalized = "The user " + normalized[5..];
        }
        else if (normalized.StartsWith("user's ", StringComparison.OrdinalIgnoreCase))
        {
            normalized = "The user's " + normalized[7..];
        }

        return normalized.TrimEnd();
    }

    /// <summary>Whether a capitalised word other than "I" opens a sentence or clause, follows "and", or follows an opener
    /// ("Actually Ava is 8 now": the store was not read, so Ava was nobody).</summary>
    private static bool MayNameSomeone(string text) => NameAtClauseStart().IsMatch(text);

    [GeneratedRegex(@"(?:^|[.!?;,]\s+|\band\s+)(?:(?:Actually|Oh|Well|So|Also|Now|Yes|Yeah|No|Sorry|Update|Btw|Anyway|Ok|Okay|And|But|Wait|Oops|Correction)\b[,!:]?\s+)?(?!(?:I|I'm|I've|I'd|I'll|The|My|We|Our|It|It's|He|She|They|This|That|These|Those|There|Here|Hi|Hello|Hey|And|But|So|Also|Can|Could|What|How|Why|When|Where|Who|Which|Is|Are|Was|Were|Do|Does|Did|Will|Would|Should|Please|Thanks|Thank|Sure|Yes|No|Ok|Okay|Sorry|Just|Let|Tell|Give|Help|Write|Make|Explain|Show|Find|If|In|On|At|For|With|As|By|Not|Then|Now|Today|Tomorrow|Yesterday|Great|Good|Nice|Cool|Oh|Well|Actually|Maybe|Any|Some|Every|All|Your|You)\b)\p{Lu}\p{Ll}+\s+\p{Ll}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NameAtClauseStart();

    /// <summary>Adds the fact, or merges its sources into the same fact already read from another message.</summary>
    private static void Add(List<ExtractedFact> facts, ExtractedFact fact)
    {
        var index = facts.FindIndex(f => f.Slot == fact.Slot && f.Subject == fact.Subject && f.Action == fact.Action &&
                                         string.Equals(f.Text, fact.Text, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            facts.Add(fact);
            return;
        }

        var existing = facts[index];
        facts[index] = existing with
        {
            Sources = [.. existing.Sources.Union(fact.Sources, StringComparer.Ordinal)],
            Confidence = Math.Max(existing.Confidence, fact.Confidence),
        };
    }

    /// <summary>Whether the part of the message that names <paramref name="subject"/> says it comes in addition
    /// ("also", "as well", "too", "a second job", "on the side").</summary>
    private static bool SaysAlso(string message, string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return false;
        }

        foreach (var part in AlsoParts().Split(message))
        {
            if (SaysAddition(part) && TextNormalizer.SubjectKey(part).Contains(subject, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a text says its value comes in addition ("also", "on weekends", "as a volunteer"), and not that
    /// it changed ("I moved to Berlin too", "I work at Meta too now": a change that someone else made as well).</summary>
    public static bool SaysAddition(string text) => AlsoWords().IsMatch(text) && !ChangeWords().IsMatch(text);

    [GeneratedRegex(@"\b(?:now|moved|moving|relocated|switched|changed|new|started|became|left|quit|anymore|no\s+longer)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex ChangeWords();

    [GeneratedRegex(@"[.!?;]+|\bbut\b|\band\s+(?=I\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex AlsoParts();

    // "on Fridays", "on Tuesdays and Thursdays": a second employer on its days ("I work at Amazon on Fridays" replaced
    // "The user works at Google", said "on Mondays": the days are not kept in the employer's text).
    [GeneratedRegex(@"\b(?:also|as\s+well|too|in\s+addition|additionally|a\s+second|another|on\s+the\s+side|part[- ]time|on\s+weekends|on\s+(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)|volunteers?|volunteering)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex AlsoWords();
}
