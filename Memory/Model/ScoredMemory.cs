namespace Memory.Model;

/// <summary>A memory with its retrieval score (higher is better).</summary>
public sealed record ScoredMemory(MemoryItem Memory, double Score);
