namespace Memory;

/// <summary>A direct write (or patch) was refused by the memory guard: the text instructs the model (memory
/// poisoning) or a memory-stage guardrail blocked it. Nothing of the batch was stored. The API answers 400 with code
/// <c>memory_refused</c>, naming the item and the rule, never the text.</summary>
public sealed class MemoryRefusedException : InvalidOperationException
{
    public const string Code = "memory_refused";

    public MemoryRefusedException()
        : base("The memory was refused by the memory guard.")
    {
    }

    public MemoryRefusedException(string message)
        : base(message)
    {
    }

    public MemoryRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemoryRefusedException(int index, string rule, bool audited, bool unfinished = false)
        : base($"Memory {index} was refused by the memory guard (rule {rule}).")
    {
        Index = index;
        Rule = rule;
        Audited = audited;
        Unfinished = unfinished;
    }

    /// <summary>True when only a check that ran out of time refused it (a busy machine): the API answers 503 with
    /// <c>Retry-After</c>, not 400.</summary>
    public bool Unfinished { get; }

    /// <summary>The refused item's position in the batch (0 for a patch).</summary>
    public int Index { get; }

    /// <summary>The rule that refused it (<c>injection.instruction</c> for the built-in instruction filter).</summary>
    public string Rule { get; } = "memory.refused";

    /// <summary>True when the guard that refused it already recorded the audit event.</summary>
    public bool Audited { get; }
}
