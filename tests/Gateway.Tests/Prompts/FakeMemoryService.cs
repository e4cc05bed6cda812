using Memory;
using Memory.Model;

namespace Gateway.Tests.Prompts;

/// <summary>Hand-written IMemoryService for the prompt tests: serves a fixed selection per user (ignoring the
/// budget, like a careless store would) and records what it was asked.</summary>
internal sealed class FakeMemoryService : IMemoryService
{
    private readonly Dictionary<UserKey, MemorySelection> _selections = new();
    private readonly HashSet<UserKey> _withdrawn = new();

    public List<(UserKey User, PromptMemoryRequest Request)> SelectCalls { get; } = [];

    public Exception? SelectFailure { get; set; }

    public Exception? ConsentFailure { get; set; }

    public void Set(UserKey user, IEnumerable<MemoryItem> profile, IEnumerable<MemoryItem> relevant) =>
        _selections[user] = new MemorySelection(
            profile.Select(m => new ScoredMemory(m, 1.0)).ToList(),
            relevant.Select((m, i) => new ScoredMemory(m, 1.0 - (i * 0.0001))).ToList());

    public void Withdraw(UserKey user) => _withdrawn.Add(user);

    public Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default)
    {
        SelectCalls.Add((user, request));
        if (SelectFailure is not null)
        {
            throw SelectFailure;
        }

        return Task.FromResult(_selections.GetValueOrDefault(user, MemorySelection.Empty));
    }

    public Task<bool> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default) =>
        ConsentFailure is not null ? Task.FromException<bool>(ConsentFailure) : Task.FromResult(!_withdrawn.Contains(user));

    public Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        if (memory)
        {
            _withdrawn.Remove(user);
        }
        else
        {
            _withdrawn.Add(user);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, bool includeSuperseded, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MemoryItem>>(_selections.TryGetValue(user, out var s) ? s.All.Select(m => m.Memory).ToList() : []);

    public Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_selections.TryGetValue(user, out var s) ? s.All.Select(m => m.Memory).FirstOrDefault(m => m.Id == id) : null);

    // The prompt stage never writes, searches or erases: these are outside what the tests exercise.
    public Task<IReadOnlyList<MemoryWriteResult>> WriteAsync(UserKey user, IReadOnlyList<NewMemory> memories, string? actor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage must not write memories.");

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage selects through SelectForPromptAsync.");

    public Task<MemoryItem?> PatchAsync(UserKey user, string id, MemoryPatch patch, string? actor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage must not change memories.");

    public Task<bool> DeleteAsync(UserKey user, string id, string? actor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage must not delete memories.");

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string id, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage does not read history.");

    public Task<UserExport> ExportAsync(UserKey user, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage does not export.");

    public Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt stage must not erase users.");
}
