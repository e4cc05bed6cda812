using Memory.Model;

namespace Memory;

/// <summary>Direct writes that skip the memory guard, for the gateway's own fixed texts only (the memory probe's
/// cases): they are known not to instruct the model, and the guard is not what the probe measures. Through the guard
/// a check that ran past its time budget on a loaded machine fails closed and refused them, and the probe failed.
/// Never for text that came from a request.</summary>
internal interface IUnscreenedMemoryWrites
{
    Task<IReadOnlyList<MemoryWriteResult>> WriteUnscreenedAsync(UserKey user, IReadOnlyList<NewMemory> memories, string actor,
        CancellationToken cancellationToken);
}
