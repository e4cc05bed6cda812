namespace Memory.WriteBack.Extraction;

/// <summary>A run of a fact's terms said in one sentence: <see cref="Words"/> is the sentence, <see cref="Start"/> and
/// <see cref="End"/> the first and last term's positions, <see cref="Terms"/> how many different terms it holds.</summary>
internal readonly record struct Mention(IReadOnlyList<string> Words, int Start, int End, int Terms)
{
    /// <summary>How many words from the run a position is (0 inside it).</summary>
    public int Distance(int at) => at < Start ? Start - at : at > End ? at - End : 0;
}
