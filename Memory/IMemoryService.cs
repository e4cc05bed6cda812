using Memory.Model;

namespace Memory;

/// <summary>The memory API the gateway's endpoints and pipeline use. Every call is scoped to one tenant's user;
/// an unknown or erased user simply has an empty memory.</summary>
public interface IMemoryService
{
    /// <summary>Direct writes: de-duplicated against current memories (ADD/UPDATE/NOOP), never sent to an LLM,
    /// durable when the task completes. <paramref name="actor"/> is recorded in history.</summary>
    Task<IReadOnlyList<MemoryWriteResult>> WriteAsync(UserKey user, IReadOnlyList<NewMemory> memories, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Hybrid search, best first.</summary>
    Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Profile plus relevant memories for a prompt, within the request's token budget.</summary>
    Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, bool includeSuperseded, CancellationToken cancellationToken = default);

    Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default);

    Task<MemoryItem?> PatchAsync(UserKey user, string id, MemoryPatch patch, string? actor, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(UserKey user, string id, string? actor, CancellationToken cancellationToken = default);

    /// <summary>The changes to one memory, oldest first.</summary>
    Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string id, CancellationToken cancellationToken = default);

    Task<UserExport> ExportAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Erasure: afterwards no file under the storage directory holds the user's text. A withdrawn consent
    /// stays withdrawn.</summary>
    Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Whether memory is on for the user (true unless withdrawn).</summary>
    Task<bool> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default);

    Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default);
}
