using Memory.Model;

namespace Gateway.Prompts;

/// <summary>The formatted memory block, the memories it holds (in the order shown) and its size in tokens.</summary>
internal sealed record MemoryBlock(string Text, IReadOnlyList<MemoryItem> Memories, int Tokens);
