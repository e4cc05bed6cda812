using System.Text;
using Guardrails.Checks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrails.Audit;

/// <summary>The audit log in SQLite (<c>{Storage:Directory}/audit.db</c>). Appends go through a channel to one
/// writer that commits whatever is queued in one transaction (see <c>SqliteAuditLog.Writer.cs</c>); verdicts,
/// erasure and retention take the same writer lock. Readers use their own pooled connections (WAL). Deleted pages are zeroed
/// (<c>secure_delete</c>) and the WAL is truncated after an erasure, so a destroyed key leaves no copy.</summary>
internal sealed partial class SqliteAuditLog : IAuditLog, IDerivedKeys, IDisposable
{
    private const int MaxNoteChars = 1000;

    private readonly AuditDatabase _db;
    private readonly AuditKeyMaterial _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteAuditLog> _logger;
    private readonly GuardrailsOptions _options;
    private readonly ISharedAuditKeys? _sharedKeys;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _init = new(1, 1);
    private volatile bool _initialized;

    public SqliteAuditLog(IOptions<GuardrailsOptions> options, TimeProvider time, ILogger<SqliteAuditLog> logger, ISharedAuditKeys? sharedKeys = null)
    {
        _sharedKeys = sharedKeys;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var directory = Path.GetFullPath(_options.StorageDirectory ?? "data");
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, _options.AuditFileName);
        _db = new AuditDatabase(DatabasePath);
        _keys = AuditKeyMaterial.Load(_options.PseudonymKey, directory, logger);
    }

    /// <summary>Where the database lives (tests edit it directly to prove tampering is caught).</summary>
    public string DatabasePath { get; }

    /// <summary>The user's lookup pseudonym: what finds their excerpt key (events carry the key's own).</summary>
    public string Pseudonymize(string tenant, string userId) => UserPseudonymizer.Pseudonymize(_keys.PseudonymKey, tenant, userId);

    public byte[] KeyFor(string purpose) => _keys.KeyFor(purpose);

    public async ValueTask<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ids = await AppendManyAsync([entry], cancellationToken).ConfigureAwait(false);
        return ids[0];
    }

    public async ValueTask<AuditVerdict?> AddVerdictAsync(string tenant, long eventId, string verdict, string? note, CancellationToken cancellationToken = default)
    {
        if (!AuditVerdicts.IsValid(verdict))
        {
            throw new ArgumentException($"Verdict must be '{AuditVerdicts.TruePositive}' or '{AuditVerdicts.FalsePositive}'.", nameof(verdict));
        }

        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : Cap(SensitiveTextRedactor.Redact(note.Trim()), MaxNoteChars);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            long eventRowId;
            using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = "SELECT id FROM audit_events WHERE tenant = $tenant AND seq = $seq";
                find.Parameters.AddWithValue("$tenant", tenant);
                find.Parameters.AddWithValue("$seq", eventId);
                if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rowId)
                {
                    return null;
                }

                eventRowId = rowId;
            }

            var head = await ReadChainAsync(connection, transaction, tenant, AuditSchema.Verdicts, cancellationToken).ConfigureAwait(false);
            var id = await NextIdAsync(connection, transaction, "audit_verdicts", AuditSchema.Verdicts, cancellationToken).ConfigureAwait(false);
            var seq = (head?.HeadSeq ?? 0) + 1;
            var stored = new StoredVerdict(id, tenant, eventRowId, verdict, cleanNote, _time.GetUtcNow().ToUnixTimeMilliseconds(), head?.HeadHash ?? AuditHasher.Genesis, string.Empty);
            stored = stored with { Hash = AuditHasher.HashVerdict(stored) };
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO audit_verdicts (id, tenant, seq, event_id, verdict, note, at_ms, prev_hash, hash)
                    VALUES ($id, $tenant, $seq, $event, $verdict, $note, $at, $prev, $hash)
                    """;
                insert.Parameters.AddWithValue("$id", stored.Id);
                insert.Parameters.AddWithValue("$seq", seq);
                insert.Parameters.AddWithValue("$tenant", stored.Tenant);
                insert.Parameters.AddWithValue("$event", stored.EventId);
                insert.Parameters.AddWithValue("$verdict", stored.Verdict);
                insert.Parameters.AddWithValue("$note", (object?)stored.Note ?? DBNull.Value);
                insert.Parameters.AddWithValue("$at", stored.AtMs);
                insert.Parameters.AddWithValue("$prev", stored.PrevHash);
                insert.Parameters.AddWithValue("$hash", stored.Hash);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await WriteHeadAsync(connection, transaction, tenant, AuditSchema.Verdicts, stored.Id, seq, stored.Hash, head, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AuditVerdict(seq, eventId, verdict, cleanNote, DateTimeOffset.FromUnixTimeMilliseconds(stored.AtMs));
        }
        finally
        {
            _writer.Release();
        }
    }

    public async ValueTask<int> EraseUserAsync(string tenant, string userId, CancellationToken cancellationToken = default)
    {
        var pseudonym = Pseudonymize(tenant, userId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            int destroyed;
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM audit_user_keys WHERE tenant = $tenant AND user_pseudonym = $user";
                delete.Parameters.AddWithValue("$tenant", tenant);
                delete.Parameters.AddWithValue("$user", pseudonym);
                destroyed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_sharedKeys is not null)
            {
                destroyed += await _sharedKeys.DeleteUserAsync(tenant, pseudonym, cancellationToken).ConfigureAwait(false);
            }

            await CheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
            GuardrailsLog.AuditUserErased(_logger, destroyed, tenant);
            return destroyed;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async ValueTask<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var days = _options.AuditRetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var events = 0;
            var verdicts = 0;
            foreach (var (tenant, chain) in await ListChainsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                var table = chain == AuditSchema.Events ? "audit_events" : "audit_verdicts";
                var pruned = await PruneHeadAsync(connection, transaction, table, tenant, chain, cutoff, cancellationToken).ConfigureAwait(false);
                if (chain == AuditSchema.Events)
                {
                    events += pruned;
                }
                else
                {
                    verdicts += pruned;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (events + verdicts > 0)
            {
                GuardrailsLog.AuditPruned(_logger, events, verdicts, days);
                await CheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return events;
        }
        finally
        {
            _writer.Release();
        }
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string ExcerptAad(string tenant, string pseudonym, string keyId) => $"excerpt\u001f{tenant}\u001f{pseudonym}\u001f{keyId}";

    private static string KeyAad(string keyId) => $"user-key\u001f{keyId}";

    public void Dispose()
    {
        StopWriter();
        _db.Dispose();

        _writer.Dispose();
        _init.Dispose();
    }
}
