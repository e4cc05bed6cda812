namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>Counts over a group of scored turns. <see cref="Precision"/> is null when nothing was stored and
/// <see cref="Recall"/> when nothing was expected; <see cref="CleanTurns"/> counts turns with no wrong fact.</summary>
internal sealed record ExtractionTally(string Name, int Turns, int Required, int Found, int Correct, int Wrong, int CleanTurns)
{
    public double? Recall => Required == 0 ? null : (double)Found / Required;

    public double? Precision => Correct + Wrong == 0 ? null : (double)Correct / (Correct + Wrong);

    public static ExtractionTally Of(string name, IEnumerable<ExtractionOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return new ExtractionTally(
            name,
            list.Count,
            list.Sum(o => o.Required),
            list.Sum(o => o.Found),
            list.Sum(o => o.Correct),
            list.Sum(o => o.Wrong.Count),
            list.Count(o => o.Wrong.Count == 0));
    }
}
