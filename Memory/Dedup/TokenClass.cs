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
}
