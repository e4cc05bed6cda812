namespace Memory.Dedup;

/// <summary>What one word of a fact is, for de-duplication: an ordinary word or one of the details that
/// distinguish facts (<see cref="DetailKinds"/>).</summary>
internal enum TokenClass
{
    Word,
    Number,
    Date,
    Time,
    Unit,
    Name,
    Negation,

    /// <summary>One member of a closed set of kinds: a relative, an animal, a food, a drink, a language, a colour...
    /// (<see cref="DedupLexicon.Kinds"/>); its value is the canonical member ("mum" is "mother").</summary>
    Kind,
}
