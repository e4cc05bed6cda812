namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>What an extractor made of one labelled turn: the facts it would store, the expected facts it missed and
/// the produced facts that match nothing expected.</summary>
internal sealed record ExtractionOutcome(
    ExtractionCase Case,
    IReadOnlyList<ExtractedFact> Produced,
    int Correct,
    int Found,
    int Required,
    IReadOnlyList<ExpectedFact> Missed,
    IReadOnlyList<ExtractedFact> Wrong)
{
    /// <summary>Scores <paramref name="produced"/> against the case under <see cref="FactMatcher"/>: a produced fact is
    /// correct when it matches a required expected fact, ignored when it matches only an optional one, wrong otherwise.</summary>
    public static ExtractionOutcome Score(ExtractionCase c, IReadOnlyList<ExtractedFact> produced)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(produced);
        var required = c.Expected.Where(e => !e.Optional).ToList();
        var correct = 0;
        var wrong = new List<ExtractedFact>();
        foreach (var fact in produced)
        {
            if (required.Exists(e => FactMatcher.Matches(fact, e, c.Text)))
            {
                correct++;
            }
            else if (!c.Expected.Any(e => e.Optional && FactMatcher.Matches(fact, e, c.Text)))
            {
                wrong.Add(fact);
            }
        }

        var missed = required.Where(e => !produced.Any(f => FactMatcher.Matches(f, e, c.Text))).ToList();
        return new ExtractionOutcome(c, produced, correct, required.Count - missed.Count, required.Count, missed, wrong);
    }
}
