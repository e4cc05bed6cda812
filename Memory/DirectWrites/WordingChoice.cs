namespace Memory.DirectWrites;

/// <summary>Which wording a merge keeps: the stored one, the longer of the two (a paraphrase with the same
/// details), or the incoming one (a refinement or a slot's new value).</summary>
internal enum WordingChoice
{
    Keep,
    Longer,
    Incoming,
}
