using Memory.Configuration;
using Memory.Diagnostics;
using Memory.DirectWrites;
using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Embeddings;

/// <summary>Brings every memory's vector to the configured embedder's model, in the background and in batches, while
/// search keeps serving: until a memory is re-embedded, the store's dense search (which filters by model) skips it and
/// the retriever still finds it lexically. A memory changed meanwhile is left for the next pass.</summary>
internal sealed partial class ReembeddingService(
    IMemoryStore store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IMemoryRetriever retriever,
    UserWriteLocks locks,
    IOptions<ReembeddingOptions> options,
    TimeProvider time,
    ILogger<ReembeddingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int done;
            try
            {
                done = await RunOnceAsync(settings.BatchSize, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex.GetType().Name);
                done = 0;
            }

            if (done == 0)
            {
                try
                {
                    await Task.Delay(settings.Interval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Re-embeds one batch of stale memories; returns how many were brought up to date.</summary>
    internal async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        var model = EmbeddingModels.IdOf(embedder);
        var stale = await store.ListStaleEmbeddingsAsync(model, batchSize, cancellationToken).ConfigureAwait(false);
        if (stale.Count == 0)
        {
            return 0;
        }

        var generated = await embedder.GenerateAsync(stale.Select(s => s.Memory.Text).ToList(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (generated.Count != stale.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {generated.Count} vectors for {stale.Count} inputs.");
        }

        var updated = 0;
        foreach (var group in stale.Select((s, i) => (s.User, s.Memory, Vector: generated[i].Vector.ToArray())).GroupBy(s => s.User))
        {
            var refreshed = new List<MemoryItem>();
            using (await locks.AcquireAsync(group.Key, cancellationToken).ConfigureAwait(false))
            {
                foreach (var (user, listed, vector) in group)
                {
                    // Only if unchanged since listed: a concurrent edit or erasure wins.
                    if (vector.Length > 0 &&
                        await store.GetAsync(user, listed.Id, cancellationToken).ConfigureAwait(false) is { } current &&
                        string.Equals(current.Text, listed.Text, StringComparison.Ordinal) &&
                        current.UpdatedAt == listed.UpdatedAt)
                    {
                        refreshed.Add(current with { Embedding = vector, EmbeddingModel = model });
                    }
                }

                await store.UpsertAsync(group.Key, refreshed, cancellationToken).ConfigureAwait(false);
            }

            retriever.Invalidate(group.Key);
            updated += refreshed.Count;
        }

        LogReembedded(logger, updated, stale.Count);
        return updated;
    }

    [LoggerMessage(EventId = MemoryEventIds.MemoriesReembedded, EventName = "MemoriesReembedded", Level = LogLevel.Information,
        Message = "Re-embedded {Updated} of {Listed} memories with the configured model.")]
    private static partial void LogReembedded(ILogger logger, int updated, int listed);

    [LoggerMessage(EventId = MemoryEventIds.ReembeddingFailed, EventName = "ReembeddingFailed", Level = LogLevel.Warning,
        Message = "Background re-embedding failed ({Reason}); retrying after the interval.")]
    private static partial void LogFailed(ILogger logger, string reason);
}
