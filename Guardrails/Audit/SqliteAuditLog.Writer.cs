using System.Text;
using System.Threading.Channels;
using Guardrails.Checks;
using Microsoft.Data.Sqlite;

namespace Guardrails.Audit;

/// <summary>Batched appends. Callers queue their entries (one request's entries stay together and in order)
/// and wait for the commit; a single writer drains the queue and writes everything waiting, up to
/// <see cref="MaxBatchRows"/> rows, in one transaction: each tenant's chain head is read once, every row links
/// to the one before it and takes the tenant's next number (<c>seq</c>, the id callers and the API see), and the
/// heads are written at the end. A burst from one tenant therefore costs a few
/// commits instead of one per event, and another tenant's event waits for at most one batch. An append returns
/// only once its batch is committed (durable before the request that produced it is answered). When a batch
/// fails, each caller's entries are retried in a transaction of their own so one bad entry fails only itself.</summary>
internal sealed partial class SqliteAuditLog
{
    /// <summary>Most rows one transaction writes.</summary>
    public const int MaxBatchRows = 256;

    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _writerStart = new();
    private Task? _writerLoop;
    private long _batches;

    /// <summary>Transactions the writer has committed (tests check that bursts are batched).</summary>
    internal long CommittedBatches => Interlocked.Read(ref _batches);

    public async ValueTask<IReadOnlyList<long>> AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        var prepared = entries.Select(Prepare).ToList();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingAppend(prepared, new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously));
        StartWriter();
        if (!_appends.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteAuditLog));
        }

        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private PreparedEntry Prepare(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var excerpt = Cap(SensitiveTextRedactor.Redact(entry.Excerpt), Math.Max(40, _options.AuditExcerptChars) * 2);
        var pseudonym = string.IsNullOrEmpty(entry.UserId) ? null : Pseudonymize(entry.Tenant, entry.UserId);
        return new PreparedEntry(entry, excerpt, pseudonym);
    }

    private void StartWriter()
    {
        if (_writerLoop is not null)
        {
            return;
        }

        lock (_writerStart)
        {
            _writerLoop ??= Task.Run(WriteLoopAsync);
        }
    }

    private void StopWriter()
    {
        _appends.Writer.TryComplete();
        Task? loop;
        lock (_writerStart)
        {
            loop = _writerLoop;
        }

        loop?.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task WriteLoopAsync()
    {
        var reader = _appends.Reader;
        var batch = new List<PendingAppend>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < MaxBatchRows && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                rows += pending.Entries.Count;
            }

            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(PendingAppend pending)
    {
        try
        {
            await WriteAsync([pending]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            pending.Done.TrySetException(ex);
        }
    }

    /// <summary>Writes the batch in one transaction and completes its callers after the commit.</summary>
    private async Task WriteAsync(List<PendingAppend> batch)
    {
        var results = new List<long[]>(batch.Count);
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable).ConfigureAwait(false);
            var heads = new Dictionary<string, (ChainHead? Stored, long Id, long Seq, string Hash)>(StringComparer.Ordinal);
            var nextId = await NextIdAsync(connection, transaction, "audit_events", AuditSchema.Events, CancellationToken.None).ConfigureAwait(false);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var pending in batch)
            {
                var ids = new long[pending.Entries.Count];
                for (var i = 0; i < ids.Length; i++)
                {
                    var prepared = pending.Entries[i];
                    var tenant = prepared.Entry.Tenant;
                    if (!heads.TryGetValue(tenant, out var head))
                    {
                        var stored = await ReadChainAsync(connection, transaction, tenant, AuditSchema.Events, CancellationToken.None).ConfigureAwait(false);
                        head = (stored, stored?.HeadId ?? 0, stored?.HeadSeq ?? 0, stored?.HeadHash ?? AuditHasher.Genesis);
                    }

                    var seq = head.Seq + 1;
                    var row = await InsertEventAsync(connection, transaction, prepared, nextId++, seq, now, head.Hash).ConfigureAwait(false);
                    heads[tenant] = (head.Stored, row.Id, seq, row.Hash);
                    ids[i] = seq;
                }

                results.Add(ids);
            }

            foreach (var (tenant, head) in heads)
            {
                await WriteHeadAsync(connection, transaction, tenant, AuditSchema.Events, head.Id, head.Seq, head.Hash, head.Stored, CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _batches);
        }
        finally
        {
            _writer.Release();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private async ValueTask<StoredEvent> InsertEventAsync(SqliteConnection connection, SqliteTransaction transaction, PreparedEntry prepared, long id, long seq, long atMs, string prevHash)
    {
        var entry = prepared.Entry;
        string? plain = prepared.Excerpt;
        byte[]? cipher = null;
        string? keyRef = null;
        string? eventPseudonym = null;
        if (prepared.Lookup is { } lookup)
        {
            plain = null;
            try
            {
                var (keyId, key) = await GetOrCreateUserKeyAsync(connection, transaction, entry.Tenant, lookup, CancellationToken.None).ConfigureAwait(false);
                // The event is named by its key, not by the user id: erasing the key unlinks the user from it.
                eventPseudonym = UserPseudonymizer.ForKey(_keys.PseudonymKey, keyId);
                cipher = ExcerptCipher.Encrypt(key, Encoding.UTF8.GetBytes(prepared.Excerpt), ExcerptAad(entry.Tenant, eventPseudonym, keyId));
                keyRef = keyId;
            }
            catch (AuditKeysUnavailableException)
            {
                // The shared keys are out of reach: the decision is recorded, its excerpt is not (never in clear), and
                // it is named by a pseudonym that leads to nobody (no erasure could unlink a user-derived one).
                eventPseudonym = UserPseudonymizer.Unlinked();
                GuardrailsLog.AuditExcerptDropped(_logger);
            }
        }

        var stored = new StoredEvent(
            id, atMs, entry.Tenant, Cap(entry.RequestId, 200), eventPseudonym, entry.Stage, entry.Rule, entry.Action,
            entry.Score, plain, cipher, keyRef, entry.TemplateVersion, entry.KeyId, entry.PolicyVersion, prevHash, string.Empty);
        stored = stored with { Hash = AuditHasher.HashEvent(stored) };

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit_events (id, seq, at_ms, tenant, request_id, user_pseudonym, stage, rule, action, score, excerpt_plain,
                excerpt_cipher, excerpt_key, template_version, key_id, policy_version, prev_hash, hash)
            VALUES ($id, $seq, $at, $tenant, $request, $user, $stage, $rule, $action, $score, $plain, $cipher, $key, $template, $keyId, $policy, $prev, $hash)
            """;
        insert.Parameters.AddWithValue("$id", stored.Id);
        insert.Parameters.AddWithValue("$seq", seq);
        insert.Parameters.AddWithValue("$at", stored.AtMs);
        insert.Parameters.AddWithValue("$tenant", stored.Tenant);
        insert.Parameters.AddWithValue("$request", stored.RequestId);
        insert.Parameters.AddWithValue("$user", (object?)stored.UserPseudonym ?? DBNull.Value);
        insert.Parameters.AddWithValue("$stage", stored.Stage);
        insert.Parameters.AddWithValue("$rule", stored.Rule);
        insert.Parameters.AddWithValue("$action", stored.Action);
        insert.Parameters.AddWithValue("$score", stored.Score);
        insert.Parameters.AddWithValue("$plain", (object?)stored.ExcerptPlain ?? DBNull.Value);
        insert.Parameters.AddWithValue("$cipher", (object?)stored.ExcerptCipher ?? DBNull.Value);
        insert.Parameters.AddWithValue("$key", (object?)stored.ExcerptKey ?? DBNull.Value);
        insert.Parameters.AddWithValue("$template", (object?)stored.TemplateVersion ?? DBNull.Value);
        insert.Parameters.AddWithValue("$keyId", (object?)stored.KeyId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$policy", (object?)stored.PolicyVersion ?? DBNull.Value);
        insert.Parameters.AddWithValue("$prev", stored.PrevHash);
        insert.Parameters.AddWithValue("$hash", stored.Hash);
        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        return stored;
    }

    /// <param name="Lookup">The user's lookup pseudonym (finds their excerpt key); null: no user.</param>
    private sealed record PreparedEntry(AuditEntry Entry, string Excerpt, string? Lookup);

    private sealed record PendingAppend(IReadOnlyList<PreparedEntry> Entries, TaskCompletionSource<IReadOnlyList<long>> Done);
}
