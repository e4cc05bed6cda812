using Memory.Diagnostics;
using Memory.Embeddings;
using Memory.Model;
using Memory.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.WriteBack.Consolidation;

/// <summary>Writes consolidation and compression changes to the store with their history, so that doing the
/// same change twice (a replay after a crash) leaves one memory and one history entry: new memories have
/// deterministic ids and are skipped when present, history is appended only when not already recorded, and a
/// deletion records its history before it deletes.</summary>
internal sealed partial class MemoryChangeWriter(IMemoryStore store, Func<bool>? keepDeletedText = null, IEmbeddingCache? cache = null, ILogger? logger = null)
{
    /// <summary>Adds <paramref name="item"/> unless it exists; history records <paramref name="historyEvent"/>.</summary>
    public async Task AddAsync(UserKey user, MemoryItem item, MemoryEvent historyEvent, MemoryItem? before, string actor, string? reason,
        CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(user, item.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            await store.UpsertAsync(user, [item], cancellationToken).ConfigureAwait(false);
        }

        await EnsureHistoryAsync(user, Entry(item.Id, historyEvent, before, item, actor, item.UpdatedAt, reason), e => true, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(UserKey user, MemoryItem before, MemoryItem after, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        await store.UpsertAsync(user, [after], cancellationToken).ConfigureAwait(false);
        await EnsureHistoryAsync(user, Entry(after.Id, MemoryEvent.Update, before, after, actor, after.UpdatedAt, reason),
            e => e.Event == MemoryEvent.Update && e.After is { } a && SourceRefs.Covers(a.Sources, after.Sources) && a.Text == after.Text,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the old memories (<c>validTo</c>) and makes <paramref name="replacement"/> current, in one upsert;
    /// history keeps both under the Supersede event.</summary>
    public async Task SupersedeAsync(UserKey user, IReadOnlyList<MemoryItem> olds, MemoryItem replacement, string actor, string? reason,
        CancellationToken cancellationToken = default)
    {
        var now = replacement.UpdatedAt;
        var ended = olds.Where(o => o.IsCurrent)
            .Select(o => o with
            {
                ValidTo = now,
                UpdatedAt = now,
                Metadata = With(o.Metadata, "supersededBy", replacement.Id),
            })
            .ToList();
        var exists = await store.GetAsync(user, replacement.Id, cancellationToken).ConfigureAwait(false) is not null;
        var writes = exists ? ended : [.. ended, replacement];
        if (writes.Count > 0)
        {
            await store.UpsertAsync(user, writes, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (before, after) in olds.Zip(olds.Select(o => ended.Find(e => e.Id == o.Id) ?? o)))
        {
            await EnsureHistoryAsync(user, Entry(before.Id, MemoryEvent.Supersede, before, after, actor, now, reason),
                e => e.Event == MemoryEvent.Supersede, cancellationToken).ConfigureAwait(false);
        }

        await EnsureHistoryAsync(user, Entry(replacement.Id, MemoryEvent.Supersede, olds.Count > 0 ? olds[0] : null, replacement, actor, now, reason),
            e => true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="item"/>, a fact older than the current <paramref name="newer"/> that replaced it,
    /// as that memory's past: stored already ended and superseded by <paramref name="newer"/>, with a Supersede
    /// history entry, which is what telling the two in order leaves. Skipped when present (a replay).</summary>
    public async Task AddHistoricalAsync(UserKey user, MemoryItem item, MemoryItem newer, string actor, string? reason,
        CancellationToken cancellationToken = default)
    {
        var ended = item with { ValidTo = item.UpdatedAt, Metadata = With(item.Metadata, "supersededBy", newer.Id) };
        if (await store.GetAsync(user, ended.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            await store.UpsertAsync(user, [ended], cancellationToken).ConfigureAwait(false);
        }

        await EnsureHistoryAsync(user, Entry(ended.Id, MemoryEvent.Supersede, null, ended, actor, ended.UpdatedAt, reason),
            e => e.Event == MemoryEvent.Supersede, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the memory; its Delete history entry is written first so a crash in between is repaired. Unless
    /// deployers keep deleted text (<c>Memory:KeepDeletedText</c>), the memory's content leaves history first and its
    /// cached vectors after (<see cref="HistoryRedaction"/>), as for a delete through the API.</summary>
    public async Task DeleteAsync(UserKey user, MemoryItem target, string actor, DateTimeOffset now, string? reason, CancellationToken cancellationToken = default)
    {
        var keepText = keepDeletedText?.Invoke() ?? false;
        if (!keepText)
        {
            await store.RedactHistoryAsync(user, target.Id, cancellationToken).ConfigureAwait(false);
        }

        await EnsureHistoryAsync(user, Entry(target.Id, MemoryEvent.Delete, keepText ? target : HistoryRedaction.Redacted(target), null, actor, now, reason),
            e => e.Event == MemoryEvent.Delete, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(user, target.Id, cancellationToken).ConfigureAwait(false);
        if (!keepText && await cache.ForgetDeletedTextAsync(user, target.Text).ConfigureAwait(false) is { } failure)
        {
            LogCacheForgetFailed(logger ?? NullLogger.Instance, failure);
        }
    }

    /// <summary>After a replay found the change already applied: adds the history entry if the crash lost it.</summary>
    public Task RepairHistoryAsync(UserKey user, MemoryItem memory, MemoryEvent historyEvent, string actor, CancellationToken cancellationToken = default) =>
        EnsureHistoryAsync(user, Entry(memory.Id, historyEvent, null, memory, actor, memory.UpdatedAt, null),
            e => e.After is { } a && SourceRefs.Covers(a.Sources, memory.Sources), cancellationToken);

    private async Task EnsureHistoryAsync(UserKey user, MemoryHistoryEntry entry, Func<MemoryHistoryEntry, bool> recorded, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(user, entry.MemoryId, cancellationToken).ConfigureAwait(false);
        if (history.Any(e => e.Actor == entry.Actor && recorded(e)))
        {
            return;
        }

        await store.AppendHistoryAsync(user, [entry], cancellationToken).ConfigureAwait(false);
    }

    private static MemoryHistoryEntry Entry(string id, MemoryEvent e, MemoryItem? before, MemoryItem? after, string actor, DateTimeOffset at, string? reason) => new()
    {
        MemoryId = id,
        Event = e,
        Before = before is null ? null : before with { Embedding = null },
        After = after is null ? null : after with { Embedding = null },
        At = at,
        Actor = actor,
        Reason = reason,
    };

    internal static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> metadata, string key, string value)
    {
        var copy = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { [key] = value };
        return copy;
    }

    [LoggerMessage(EventId = MemoryEventIds.WriteBackDeletedTextCacheForgetFailed, EventName = "WriteBackDeletedTextCacheForgetFailed", Level = LogLevel.Warning,
        Message = "Dropping a deleted memory's cached vectors failed ({Reason}); erasing the user removes them.")]
    private static partial void LogCacheForgetFailed(ILogger logger, string reason);
}
