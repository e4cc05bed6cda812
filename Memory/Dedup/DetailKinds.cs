namespace Memory.Dedup;

/// <summary>The kinds of detail that make two statements of a fact different facts: a number, a date, a time,
/// a unit, a proper name, a negation or a member of a closed set of kinds ("aunt" / "uncle", "wheat" / "soy"); or, between texts a model finds alike, the order of words that carries the
/// meaning, a small word turned into its opposite, or a word changed where the model cannot see it.</summary>
[Flags]
internal enum DetailKinds
{
    None = 0,
    Number = 1,
    Date = 2,
    Time = 4,
    Unit = 8,
    Name = 16,
    Negation = 32,
    Order = 64,
    Relation = 128,
    Wording = 256,
    Kind = 512,
}
