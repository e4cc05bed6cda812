using Memory.DirectWrites;

namespace Memory.Dedup;

/// <summary>A cheap test that lets a writer skip the full <see cref="DedupRule"/> for memories that are not similar
/// to the incoming text: without similarity only the same slot (the stored text starts with the incoming slot's
/// head and relation) or the same statement negated (the same words once negations are dropped, compared by their
/// first three letters) can relate them. A miss only ever means an ADD, never a lost fact.</summary>
internal sealed class DedupPrefilter
{
    private readonly string? _slotPrefix;
    private readonly string? _selfHead;
    private readonly string _fingerprint;

    public DedupPrefilter(string incoming)
    {
        var fact = FactText.Of(incoming);
        _slotPrefix = fact.Slot is { } slot ? slot.Head.Replace(" | ", " ", StringComparison.Ordinal) + " " : null;

        // The user's own attributes are read, not spelled one way ("I'm 34" / "I am 35" / "The user is 36").
        _selfHead = fact.Slot is { } self && self.Head.StartsWith(SlotShape.SelfHead, StringComparison.Ordinal) ? self.Head : null;
        _fingerprint = Fingerprint(MemoryText.DedupKey(incoming));
    }

    public bool MayRelate(string stored)
    {
        var key = MemoryText.DedupKey(stored);
        return (_slotPrefix is not null && key.StartsWith(_slotPrefix, StringComparison.Ordinal)) ||
               (_selfHead is not null && SaysI(key) && string.Equals(FactText.Of(stored).Slot?.Head, _selfHead, StringComparison.Ordinal)) ||
               string.Equals(Fingerprint(key), _fingerprint, StringComparison.Ordinal);
    }

    private static bool SaysI(string key) =>
        key.StartsWith("i ", StringComparison.Ordinal) || key.StartsWith("im ", StringComparison.Ordinal) ||
        key.StartsWith("i'm ", StringComparison.Ordinal) || key.StartsWith("i m ", StringComparison.Ordinal) || key.StartsWith("the user ", StringComparison.Ordinal);

    private static string Fingerprint(string key) => string.Join(' ', key.Split(' ')
        .Where(w => !DedupLexicon.Negations.Contains(w) && !DedupLexicon.PolarityNeutral.Contains(w))
        .Select(w => w.Length > 3 ? w[..3] : w));
}
