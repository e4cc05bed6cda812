namespace Memory.Model;

/// <summary>The outcome of one requested write: the memory it landed in and what happened.</summary>
public sealed record MemoryWriteResult(string Id, MemoryEvent Event);
