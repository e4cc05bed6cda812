using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicStatements
{
    /// <summary>"Meera is allergic to peanuts" where Meera is known to be the user's child: read as "my child Meera is
    /// allergic to peanuts", which the relatives' rules take. A name no memory or earlier clause introduced stays as it
    /// was (someone else's fact, not stored).</summary>
    private static string WithRelation(string clause, KnownPeople? people)
    {
        if (people is null || people.IsEmpty)
        {
            return clause;
        }

        var lead = LeadingName().Match(clause);
        if (!lead.Success || people.RelationOf(lead.Groups["name"].Value) is not { } relation)
        {
            return clause;
        }

        // "Grace is a virtue I lack", "Hope is what keeps me going": a word that is also the name of the user's
        // daughter, said of the user; a sentence about the person says nothing of the user in what the person is.
        if (SaidOfTheUser().IsMatch(clause[lead.Length..]))
        {
            return clause;
        }

        return $"my {relation} {clause}";
    }

    /// <summary>Learns the names the statements read so far introduced ("I have two kids, Arjun and Meera. Meera is
    /// allergic to peanuts").</summary>
    private static void LearnFrom(KnownPeople? people, List<Statement> result, int from)
    {
        if (people is null)
        {
            return;
        }

        for (var i = from; i < result.Count; i++)
        {
            if (result[i].Action == FactAction.Assert)
            {
                people.Learn(result[i].Draft.Text);
            }
        }
    }

    // "is a virtue I lack", "is what keeps me going", "was the word my teacher used": a copula whose predicate speaks of
    // the user ("I", "me", "my") or of a word.
    [GeneratedRegex(@"^(?:is|was|isn't|wasn't)\s+(?:.*\b(?-i:I|me|my|myself)\b|(?:a|the)\s+(?:virtue|word|name|thing|quality|gift|feeling|concept|idea)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex SaidOfTheUser();

    // A clause that opens with a first name and goes on with a verb: "Meera is ...", "Arjun just turned 10", "Dev loves
    // cycling" (not "Meera and I ...", "Meera, ...", "Meera's ...").
    [GeneratedRegex(@"^(?<name>(?-i:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?))\s+(?!and\b|or\b|&)(?=(?-i:\p{Ll}))",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LeadingName();
}
