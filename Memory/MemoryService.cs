using Memory.Abstractions;
using Memory.Configuration;
using Memory.Dedup;
using Memory.Diagnostics;
using Memory.DirectWrites;
using Memory.Embeddings;
using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory;

/// <summary>The memory API over one <see cref="IMemoryStore"/>: validated, de-duplicated writes (<see cref="WriteBatchPlanner"/>),
/// every change in history, consent, export and erasure; search and prompt selection go to the <see cref="IMemoryRetriever"/>,
/// which is told after every change. A write batch is embedded in one call, under the user's write lock.</summary>
internal sealed partial class MemoryService(
    IMemoryStore store,
    IMemoryRetriever retriever,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    UserWriteLocks locks,
    IOptionsMonitor<MemoryDedupOptions> dedup,
    TimeProvider time,
    ILogger<MemoryService> logger,
    IMemoryContentGuard? guard = null,
    IOptionsMonitor<MemoryOptions>? options = null,
    Cluster.IUserWriteLeases? leases = null) : IMemoryService, IUnscreenedMemoryWrites
{
    public Task<IReadOnlyList<MemoryWriteResult>> WriteAsync(UserKey user, IReadOnlyList<NewMemory> memories, string? actor, CancellationToken cancellationToken = default) =>
        WriteAsync(user, memories, actor, screen: true, cancellationToken);

    Task<IReadOnlyList<MemoryWriteResult>> IUnscreenedMemoryWrites.WriteUnscreenedAsync(UserKey user, IReadOnlyList<NewMemory> memories, string actor,
        CancellationToken cancellationToken) =>
        WriteAsync(user, memories, actor, screen: false, cancellationToken);

    private async Task<IReadOnlyList<MemoryWriteResult>> WriteAsync(UserKey user, IReadOnlyList<NewMemory> memories, string? actor, bool screen,
        CancellationToken cancellationToken)
    {
        MemoryInputValidator.ValidateUser(user);
        IReadOnlyList<PreparedMemory> batch = MemoryInputValidator.PrepareWrites(memories, time.GetUtcNow());
        if (batch.Count == 0)
        {
            return [];
        }

        if (screen)
        {
            batch = await ScreenAsync(user, batch, cancellationToken).ConfigureAwait(false);
        }

        WriteBatchPlan plan;
        using (EmbeddingOwner.Use(user))
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            await EnsureConsentAsync(user, cancellationToken).ConfigureAwait(false);
            var (model, vectors) = await EmbedAsync(batch.Select(m => m.Text).ToList(), cancellationToken).ConfigureAwait(false);
            var current = await store.ListAsync(user, MemoryFilter.Current, cancellationToken).ConfigureAwait(false);
            plan = WriteBatchPlanner.Plan(current, batch, vectors, model, dedup.CurrentValue.CosineThreshold, time.GetUtcNow(), actor, NewId);
            await store.UpsertAsync(user, plan.Upserts, cancellationToken).ConfigureAwait(false);
            await store.AppendHistoryAsync(user, plan.History, cancellationToken).ConfigureAwait(false);
        }

        retriever.Invalidate(user);
        LogWritten(logger, batch.Count,
            plan.Results.Count(r => r.Event == MemoryEvent.Add),
            plan.Results.Count(r => r.Event == MemoryEvent.Update),
            plan.Results.Count(r => r.Event == MemoryEvent.Noop));
        return plan.Results;
    }

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        MemoryInputValidator.ValidateSearch(request);
        using (EmbeddingOwner.Use(user))
        {
            // The owner flows into the retriever's query embedding (captured by the task when it starts).
            return retriever.SearchAsync(user, request, cancellationToken);
        }
    }

    public async Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        ArgumentNullException.ThrowIfNull(request);
        if (request.TokenBudget <= 0 || !await GetConsentAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return MemorySelection.Empty;
        }

        using (EmbeddingOwner.Use(user))
        {
            return await retriever.SelectForPromptAsync(user, request, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, bool includeSuperseded, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        var memories = await store.ListAsync(user, new MemoryFilter { IncludeSuperseded = includeSuperseded }, cancellationToken).ConfigureAwait(false);
        return memories.Select(m => m with { Embedding = null }).ToList();
    }

    public async Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        return string.IsNullOrEmpty(id) ? null : WithoutVector(await store.GetAsync(user, id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MemoryItem?> PatchAsync(UserKey user, string id, MemoryPatch patch, string? actor, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        var clean = MemoryInputValidator.PreparePatch(patch);
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (clean.Text is { } text)
        {
            clean = clean with { Text = await DirectWriteScreen.AdmitAsync(guard, user, text, 0, cancellationToken).ConfigureAwait(false) };
        }

        MemoryItem updated;
        using (EmbeddingOwner.Use(user))
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(user, id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            await EnsureConsentAsync(user, cancellationToken).ConfigureAwait(false);
            updated = current with
            {
                Text = clean.Text ?? current.Text,
                Context = clean.Context ?? current.Context,
                Confidence = clean.Confidence ?? current.Confidence,
                OccurredAt = clean.OccurredAt ?? current.OccurredAt,
                Sources = clean.Sources ?? current.Sources,
                Metadata = clean.Metadata ?? current.Metadata,
            };
            if (!MemoryMerge.HasVisibleChange(current, updated))
            {
                return WithoutVector(current);
            }

            if (!string.Equals(current.Text, updated.Text, StringComparison.Ordinal))
            {
                var (model, vectors) = await EmbedAsync([updated.Text], cancellationToken).ConfigureAwait(false);
                updated = updated with { Embedding = vectors?[0], EmbeddingModel = vectors is null ? null : model };
            }

            updated = updated with { UpdatedAt = time.GetUtcNow() };
            await store.UpsertAsync(user, [updated], cancellationToken).ConfigureAwait(false);
            await store.AppendHistoryAsync(user, [Entry(id, MemoryEvent.Update, current, updated, actor, HistoryReasons.Patch)], cancellationToken).ConfigureAwait(false);
        }

        retriever.Invalidate(user);
        return updated with { Embedding = null };
    }

    public async Task<bool> DeleteAsync(UserKey user, string id, string? actor, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var keepText = options?.CurrentValue.KeepDeletedText ?? false;
        MemoryItem deleted;
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            if (await store.GetAsync(user, id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return false;
            }

            // The content goes from history before the memory goes, so a delete that fails half way can be repeated
            // and leaves no text once it has answered.
            if (!keepText)
            {
                await store.RedactHistoryAsync(user, id, cancellationToken).ConfigureAwait(false);
            }

            if (!await store.DeleteAsync(user, id, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var before = keepText ? current : HistoryRedaction.Redacted(current);
            await store.AppendHistoryAsync(user, [Entry(id, MemoryEvent.Delete, before, null, actor, HistoryReasons.Delete)], cancellationToken).ConfigureAwait(false);
            deleted = current;
        }

        retriever.Invalidate(user);
        if (!keepText)
        {
            if (await embedder.GetService<IEmbeddingCache>().ForgetDeletedTextAsync(user, deleted.Text).ConfigureAwait(false) is { } failure)
            {
                LogCacheForgetFailed(logger, failure);
            }
        }

        return true;
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        return string.IsNullOrEmpty(id)
            ? Task.FromResult<IReadOnlyList<MemoryHistoryEntry>>([])
            : store.GetHistoryAsync(user, id, cancellationToken);
    }

    public async Task<UserExport> ExportAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);

        // One moment's view: consent, memories and history read under the user's write lock, so a write landing
        // meanwhile is either wholly in the export or wholly out of it.
        bool consent;
        IReadOnlyList<MemoryItem> memories;
        IReadOnlyList<MemoryHistoryEntry> history;
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            consent = await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) ?? true;
            memories = await store.ListAsync(user, new MemoryFilter { IncludeSuperseded = true }, cancellationToken).ConfigureAwait(false);
            history = await store.GetUserHistoryAsync(user, cancellationToken).ConfigureAwait(false);
        }

        return new UserExport
        {
            UserId = user.UserId,
            MemoryConsent = consent,
            Memories = memories.Select(m => m with { Embedding = null }).ToList(),
            History = history,
            ExportedAt = time.GetUtcNow(),
        };
    }

    public async Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            // A withdrawn consent outlives erasure (it holds no personal text): "forget me" must not turn into "start
            // remembering me again". Read and restored under the lock consent is set under, so a withdrawal that lands
            // while the erasure runs is never lost.
            var withdrawn = await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) == false;
            var texts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var memory in await store.ListAsync(user, new MemoryFilter { IncludeSuperseded = true }, cancellationToken).ConfigureAwait(false))
            {
                texts.Add(memory.Text);
            }

            foreach (var entry in await store.GetUserHistoryAsync(user, cancellationToken).ConfigureAwait(false))
            {
                AddText(texts, entry.Before);
                AddText(texts, entry.After);
            }

            // The cache goes even when the store reports residue: both are reported, neither skipped.
            try
            {
                await store.DeleteUserAsync(user, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (embedder.GetService<IEmbeddingCache>() is { } cache)
                {
                    await cache.ForgetUserAsync(user, texts, CancellationToken.None).ConfigureAwait(false);
                }

                if (withdrawn)
                {
                    await store.SetConsentAsync(user, false, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        retriever.Invalidate(user);
        LogErased(logger);
    }

    public async Task<bool> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        return await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) ?? true;
    }

    public async Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        MemoryInputValidator.ValidateUser(user);
        using (await locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
            await store.SetConsentAsync(user, memory, cancellationToken).ConfigureAwait(false);
        }

        retriever.Invalidate(user);
        if (!memory && leases is not null)
        {
            await AwaitOtherReplicasAsync(user, cancellationToken).ConfigureAwait(false);
        }

        LogConsentChanged(logger, memory);
    }

    /// <summary>A barrier after a withdrawal, as erasure has one: another replica consolidating the user's turn holds
    /// the user's write-back lease, and read consent before this withdrawal was stored. Once the lease is ours that
    /// write has landed, and every later one reads the withdrawal, so nothing is written after the answer. Taken
    /// outside the local lock (the local worker takes the lease before that lock). A lease held for the whole lease
    /// time (replicas taking it in turn) is logged, not failed: the withdrawal itself is stored.</summary>
    private async Task AwaitOtherReplicasAsync(UserKey user, CancellationToken cancellationToken)
    {
        try
        {
            await using (await leases!.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (TimeoutException)
        {
            LogConsentBarrierTimedOut(logger);
        }
    }

    /// <summary>Every memory of the batch through the memory guard before anything is embedded or stored; one refusal
    /// refuses the batch.</summary>
    private async Task<IReadOnlyList<PreparedMemory>> ScreenAsync(UserKey user, IReadOnlyList<PreparedMemory> batch, CancellationToken cancellationToken)
    {
        var screened = new List<PreparedMemory>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var text = await DirectWriteScreen.AdmitAsync(guard, user, batch[i].Text, i, cancellationToken).ConfigureAwait(false);
            screened.Add(string.Equals(text, batch[i].Text, StringComparison.Ordinal)
                ? batch[i]
                : batch[i] with { Text = text, Key = MemoryText.DedupKey(text) });
        }

        return screened;
    }

    private async Task EnsureConsentAsync(UserKey user, CancellationToken cancellationToken)
    {
        if (await store.GetConsentAsync(user, cancellationToken).ConfigureAwait(false) == false)
        {
            throw new MemoryConsentWithdrawnException();
        }
    }

    /// <summary>Embeds the texts in one call. A failing embedder does not fail the write: the memories are stored
    /// without vectors (text dedup still applies) and the re-embedding service embeds them later.</summary>
    private async Task<(string Model, IReadOnlyList<float[]>? Vectors)> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var model = EmbeddingModels.IdOf(embedder);
        try
        {
            var generated = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (generated.Count != texts.Count)
            {
                LogEmbeddingFailed(logger, "count mismatch");
                return (model, null);
            }

            return (model, generated.Select(e => e.Vector.ToArray()).ToList());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEmbeddingFailed(logger, ex.GetType().Name);
            return (model, null);
        }
    }

    private static void AddText(HashSet<string> texts, MemoryItem? memory)
    {
        if (memory is not null)
        {
            texts.Add(memory.Text);
        }
    }

    private MemoryHistoryEntry Entry(string id, MemoryEvent e, MemoryItem? before, MemoryItem? after, string? actor, string reason) => new()
    {
        MemoryId = id,
        Event = e,
        Before = WithoutVector(before),
        After = WithoutVector(after),
        At = after?.UpdatedAt ?? time.GetUtcNow(),
        Actor = actor,
        Reason = reason,
    };

    private static MemoryItem? WithoutVector(MemoryItem? memory) => memory is null ? null : memory with { Embedding = null };

    private static string NewId() => Guid.CreateVersion7().ToString();

    [LoggerMessage(EventId = MemoryEventIds.MemoriesWritten, EventName = "MemoriesWritten", Level = LogLevel.Debug,
        Message = "Memory write of {Requested}: {Added} added, {Updated} updated, {Unchanged} unchanged.")]
    private static partial void LogWritten(ILogger logger, int requested, int added, int updated, int unchanged);

    [LoggerMessage(EventId = MemoryEventIds.MemoryEmbeddingFailed, EventName = "MemoryEmbeddingFailed", Level = LogLevel.Warning,
        Message = "Embedding a memory write failed ({Reason}); stored without vectors, to be embedded in the background.")]
    private static partial void LogEmbeddingFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = MemoryEventIds.DeletedTextCacheForgetFailed, EventName = "DeletedTextCacheForgetFailed", Level = LogLevel.Warning,
        Message = "Dropping a deleted memory's cached vectors failed ({Reason}); erasing the user removes them.")]
    private static partial void LogCacheForgetFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = MemoryEventIds.MemoryUserErased, EventName = "MemoryUserErased", Level = LogLevel.Information,
        Message = "A user's memory was erased.")]
    private static partial void LogErased(ILogger logger);

    [LoggerMessage(EventId = MemoryEventIds.MemoryConsentChanged, EventName = "MemoryConsentChanged", Level = LogLevel.Information,
        Message = "A user's memory consent was set to {Consent}.")]
    private static partial void LogConsentChanged(ILogger logger, bool consent);

    [LoggerMessage(EventId = MemoryEventIds.ConsentBarrierTimedOut, EventName = "ConsentBarrierTimedOut", Level = LogLevel.Warning,
        Message = "A consent withdrawal was stored, but another replica held the user's write-back lease for the whole lease time; a turn it was writing may still land.")]
    private static partial void LogConsentBarrierTimedOut(ILogger logger);
}
