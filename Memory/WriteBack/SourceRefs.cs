using Memory.WriteBack.Extraction;

namespace Memory.WriteBack;

/// <summary>Provenance refs for memories learned from a turn: each user message id, made unique across turns
/// by prefixing the turn id when the gateway's message id does not already contain it.</summary>
internal static class SourceRefs
{
    public static string For(ConversationTurn turn, string messageId) =>
        messageId.Contains(turn.TurnId, StringComparison.Ordinal) ? messageId : $"{turn.TurnId}:{messageId}";

    /// <summary>The refs of one fact: its messages plus the turn's own extra sources (an observation's).</summary>
    public static IReadOnlyList<string> For(ConversationTurn turn, ExtractedFact fact)
    {
        var messageIds = fact.Sources.Count > 0 ? fact.Sources : turn.UserMessages.Select(m => m.Id).ToList();
        return [.. messageIds.Select(id => For(turn, id)).Concat(turn.Sources ?? []).Distinct(StringComparer.Ordinal)];
    }

    public static IReadOnlyList<string> Union(IEnumerable<string> a, IEnumerable<string> b) =>
        [.. a.Concat(b).Distinct(StringComparer.Ordinal)];

    public static bool Covers(IReadOnlyList<string> memorySources, IReadOnlyList<string> factSources) =>
        factSources.Count > 0 && factSources.All(s => memorySources.Contains(s, StringComparer.Ordinal));
}
