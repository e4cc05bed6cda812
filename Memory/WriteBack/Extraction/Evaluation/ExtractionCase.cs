namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>One labelled user turn of an extraction set: what was said, its category (<c>occupation</c>,
/// <c>questions</c>, ...) and the facts it must yield (none for a turn that must store nothing).</summary>
internal sealed record ExtractionCase(string Id, string Split, string Category, string Text, IReadOnlyList<ExpectedFact> Expected)
{
    /// <summary>True when the turn must store nothing (a question, role play, quoted text, ...).</summary>
    public bool MustStoreNothing => Expected.Count == 0;
}

/// <summary>A fact a labelled turn must yield, in the form an extractor writes it ("The user lives in Oslo").
/// An optional fact is neither required (recall) nor counted wrong when produced (precision).</summary>
internal sealed record ExpectedFact(string Text, FactAction Action, bool Optional);
