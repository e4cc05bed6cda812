using System.Threading.Channels;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace Memory.Embeddings;

/// <summary>The cache's disk writes: callers queue new entries and owner records, and one background loop commits
/// everything waiting in one transaction (group commit). Each commit is an fsync (<c>synchronous=FULL</c>), so under
/// load one commit serves many query embeddings instead of two commits per embedding; an entry and the owner record
/// that came with it land in the same transaction. <see cref="FlushAsync"/> still waits for every queued write.</summary>
internal sealed partial class CachingEmbeddingGenerator
{
    private const int MaxWritesPerCommit = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _writerGate = new();
    private Task? _writer;
    private long _commits;

    /// <summary>Transactions the writer has committed (or tried to), for tests and benchmarks.</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>New entries (<paramref name="entries"/>, made at <paramref name="at"/>) and the user who caused them
    /// or others (<paramref name="owner"/> of <paramref name="ownerHashes"/>), queued for the next commit.</summary>
    private void Queue(string model, IReadOnlyList<(string Hash, Embedding<float> Embedding)>? entries, DateTimeOffset at, string? owner, IReadOnlyList<string>? ownerHashes)
    {
        var write = new PendingWrite(model, entries, at, owner, ownerHashes);
        if (!_queue.Writer.TryWrite(write))
        {
            return; // shutting down: a cache entry less is harmless
        }

        TrackWrite(write.Done.Task);
        lock (_writerGate)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
                Interlocked.Increment(ref _commits);
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the loop goes on: a writer that stopped would leave every later flush waiting.
                LogCacheFailed(_logger, "write (" + ex.GetType().Name + ")", 0);
            }
            finally
            {
                foreach (var write in batch)
                {
                    write.Done.TrySetResult();
                }

                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            var inserted = 0;
            using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false))
            {
                using var entry = connection.CreateCommand();
                entry.Transaction = transaction;
                entry.CommandText = "INSERT OR REPLACE INTO embeddings (model, text_hash, vector, created_at) VALUES ($model, $hash, $vector, $at);";
                var entryModel = entry.Parameters.Add("$model", SqliteType.Text);
                var entryHash = entry.Parameters.Add("$hash", SqliteType.Blob);
                var vector = entry.Parameters.Add("$vector", SqliteType.Blob);
                var at = entry.Parameters.Add("$at", SqliteType.Integer);

                using var owned = connection.CreateCommand();
                owned.Transaction = transaction;
                owned.CommandText = "INSERT OR IGNORE INTO owners (owner, model, text_hash) VALUES ($owner, $model, $hash);";
                var owner = owned.Parameters.Add("$owner", SqliteType.Blob);
                var ownedModel = owned.Parameters.Add("$model", SqliteType.Text);
                var ownedHash = owned.Parameters.Add("$hash", SqliteType.Blob);

                foreach (var write in batch)
                {
                    foreach (var (hash, embedding) in write.Entries ?? [])
                    {
                        entryModel.Value = write.Model;
                        entryHash.Value = Convert.FromHexString(hash);
                        vector.Value = EmbeddingBlob.ToBlob(embedding.Vector.Span);
                        at.Value = write.At.UtcTicks;
                        await entry.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                        inserted++;
                    }

                    foreach (var hash in write.OwnerHashes ?? [])
                    {
                        owner.Value = Convert.FromHexString(write.Owner!);
                        ownedModel.Value = write.Model;
                        ownedHash.Value = Convert.FromHexString(hash);
                        await owned.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (inserted > 0 && Interlocked.Add(ref _insertsSincePrune, inserted) >= PruneEvery)
            {
                Interlocked.Exchange(ref _insertsSincePrune, 0);
                await PruneAsync(connection, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex)
        {
            LogCacheFailed(_logger, "write", ex.SqliteErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: a cache entry less is harmless.
        }
    }

    /// <summary>Stops taking writes and waits (bounded) for the loop to commit what it holds.</summary>
    private void StopWriter()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_writerGate)
        {
            writer = _writer;
        }

        try
        {
            writer?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Write failures were logged where they happened.
        }
    }

    private sealed record PendingWrite(
        string Model, IReadOnlyList<(string Hash, Embedding<float> Embedding)>? Entries, DateTimeOffset At, string? Owner, IReadOnlyList<string>? OwnerHashes)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
