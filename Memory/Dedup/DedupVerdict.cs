namespace Memory.Dedup;

/// <summary>How an incoming fact relates to a stored one.</summary>
internal enum DedupVerdict
{
    /// <summary>The incoming text adds nothing: same normalised text, a paraphrase with every detail kept, or a
    /// less detailed statement of the stored fact. NOOP (or a merge of sources and confidence).</summary>
    Duplicate,

    /// <summary>The incoming text keeps every detail of the stored one and adds more ("lives in Lyon" → "lives in
    /// Lyon, France"): UPDATE to the incoming wording, nothing lost.</summary>
    Refinement,

    /// <summary>The same slot with a new value ("my locker code is 4417" → "… 5520") or the same statement
    /// negated: UPDATE / SUPERSEDE, the old value kept in history.</summary>
    SlotChange,

    /// <summary>A different fact: ADD.</summary>
    Distinct,
}
