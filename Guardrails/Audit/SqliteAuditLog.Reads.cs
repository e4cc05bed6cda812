using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Guardrails.Audit;

/// <summary>Queries, verification, counts and export. Every id read or shown is the tenant's own number
/// (<c>seq</c>); the row id shared by all tenants stays inside the file.</summary>
internal sealed partial class SqliteAuditLog
{
    private const string EventColumns = """
        e.id, e.at_ms, e.tenant, e.request_id, e.user_pseudonym, e.stage, e.rule, e.action, e.score, e.excerpt_plain,
        e.excerpt_cipher, e.excerpt_key, e.template_version, e.key_id, e.policy_version, e.prev_hash, e.hash, e.seq
        """;

    private const string LatestVerdictJoin = """
        LEFT JOIN audit_verdicts v ON v.id = (SELECT MAX(id) FROM audit_verdicts WHERE tenant = e.tenant AND event_id = e.id)
        """;

    public async ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = BuildFilter(query, command, await UserPseudonymsAsync(connection, query, cancellationToken).ConfigureAwait(false));
        command.CommandText = $"SELECT {EventColumns}, v.verdict, v.note, v.at_ms FROM audit_events e {LatestVerdictJoin} WHERE {where} ORDER BY e.id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit));
        return await ReadEventsAsync(connection, command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<AuditEvent?> GetAsync(string tenant, long id, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns}, v.verdict, v.note, v.at_ms FROM audit_events e {LatestVerdictJoin} WHERE e.tenant = $tenant AND e.seq = $id";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$id", id);
        var events = await ReadEventsAsync(connection, command, cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : events[0];
    }

    public async ValueTask<IReadOnlyList<AuditRuleCount>> CountByRuleAsync(AuditQuery query, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bucketMs = Math.Max(60_000L, (long)bucket.TotalMilliseconds);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = BuildFilter(query, command, await UserPseudonymsAsync(connection, query, cancellationToken).ConfigureAwait(false));
        command.CommandText = $"SELECT (e.at_ms / $bucket) * $bucket AS b, e.rule, COUNT(*) FROM audit_events e WHERE {where} GROUP BY b, e.rule ORDER BY b, e.rule";
        command.Parameters.AddWithValue("$bucket", bucketMs);
        var counts = new List<AuditRuleCount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new AuditRuleCount(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    public async Task ExportJsonLinesAsync(AuditQuery query, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = BuildFilter(query, command, await UserPseudonymsAsync(connection, query, cancellationToken).ConfigureAwait(false));
        command.CommandText = $"SELECT {EventColumns}, v.verdict, v.note, v.at_ms FROM audit_events e {LatestVerdictJoin} WHERE {where} ORDER BY e.id";
        var keys = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var audit = await ToEventAsync(connection, reader, keys, cancellationToken).ConfigureAwait(false);
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteJson(writer, audit);
            }

            System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<AuditVerification> VerifyAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var events = await VerifyChainAsync(connection, tenant, AuditSchema.Events, $"SELECT {EventColumns} FROM audit_events e WHERE e.tenant = $tenant ORDER BY e.id",
            reader => ReadStored(reader) is var e ? (e.Id, reader.GetInt64(17), e.PrevHash, e.Hash, AuditHasher.HashEvent(e)) : default, cancellationToken).ConfigureAwait(false);
        var verdicts = await VerifyChainAsync(connection, tenant, AuditSchema.Verdicts, "SELECT id, tenant, event_id, verdict, note, at_ms, prev_hash, hash, seq FROM audit_verdicts WHERE tenant = $tenant ORDER BY id",
            reader =>
            {
                var v = new StoredVerdict(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7));
                return (v.Id, reader.GetInt64(8), v.PrevHash, v.Hash, AuditHasher.HashVerdict(v));
            }, cancellationToken).ConfigureAwait(false);
        return new AuditVerification(
            events.Valid && verdicts.Valid, events.Checked, events.FirstBroken, events.Reason ?? verdicts.Reason, events.HeadSeq, events.HeadHash, events.AnchorSeq,
            verdicts.Valid, verdicts.Checked, verdicts.FirstBroken);
    }

    /// <summary>Walks one tenant's chain from its anchor: row ids rise, each row links to the hash before it, its hash
    /// matches its content, and its number is the next one (<c>seq</c> is not hashed, so it is checked by position:
    /// renumbering a row breaks the chain as surely as editing it). Rows are named by their numbers.</summary>
    private static async ValueTask<ChainCheck> VerifyChainAsync(
        SqliteConnection connection, string tenant, string chain, string sql, Func<SqliteDataReader, (long Id, long Seq, string Prev, string Hash, string Recomputed)> read, CancellationToken cancellationToken)
    {
        var head = await ReadChainAsync(connection, null, tenant, chain, cancellationToken).ConfigureAwait(false);
        var prev = head?.AnchorHash ?? AuditHasher.Genesis;
        var lastId = head?.AnchorId ?? 0;
        var lastSeq = head?.AnchorSeq ?? 0;
        var anchorSeq = lastSeq;
        long count = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            command.Parameters.AddWithValue("$tenant", tenant);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = read(reader);
                count++;
                var expected = lastSeq + 1;
                if (row.Id <= lastId)
                {
                    return new ChainCheck(false, count, expected, $"{chain} row {expected} is out of order", head?.HeadSeq, prev, anchorSeq);
                }

                if (row.Seq != expected)
                {
                    return new ChainCheck(false, count, expected, $"{chain} row {expected} is numbered {row.Seq} (a row was renumbered, removed or inserted)", head?.HeadSeq, prev, anchorSeq);
                }

                if (!string.Equals(row.Prev, prev, StringComparison.Ordinal))
                {
                    return new ChainCheck(false, count, expected, $"{chain} row {expected} does not follow the previous row (a row was removed, inserted or edited)", head?.HeadSeq, prev, anchorSeq);
                }

                if (!string.Equals(row.Hash, row.Recomputed, StringComparison.Ordinal))
                {
                    return new ChainCheck(false, count, expected, $"{chain} row {expected} was edited (its hash does not match its content)", head?.HeadSeq, prev, anchorSeq);
                }

                prev = row.Hash;
                lastId = row.Id;
                lastSeq = row.Seq;
            }
        }

        if (head is null)
        {
            return count == 0
                ? new ChainCheck(true, 0, null, null, null, prev, 0)
                : new ChainCheck(false, count, null, $"{chain} chain has rows but no head record", null, prev, 0);
        }

        if (head.HeadId != lastId || head.HeadSeq != lastSeq || !string.Equals(head.HeadHash, prev, StringComparison.Ordinal))
        {
            return new ChainCheck(false, count, head.HeadSeq, $"{chain} chain ends at row {lastSeq} but its head is row {head.HeadSeq} (rows were removed from the end)", head.HeadSeq, head.HeadHash, anchorSeq);
        }

        return new ChainCheck(true, count, null, null, head.HeadSeq, head.HeadHash, anchorSeq);
    }

    /// <summary>The pseudonyms a query's user filter matches: the one given, or for a user id the pseudonym of the
    /// user's excerpt key and their lookup pseudonym (events written before per-key pseudonyms). An erased user has
    /// no key, so the id matches nothing; null: no user filter.</summary>
    private async ValueTask<string[]?> UserPseudonymsAsync(SqliteConnection connection, AuditQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.UserId))
        {
            return null;
        }

        if (UserPseudonymizer.IsPseudonym(query.UserId))
        {
            return [query.UserId];
        }

        var lookup = Pseudonymize(query.Tenant, query.UserId);
        var keyId = await UserKeyIdAsync(connection, query.Tenant, lookup, cancellationToken).ConfigureAwait(false);
        return keyId is null ? [] : [UserPseudonymizer.ForKey(_keys.PseudonymKey, keyId), lookup];
    }

    public async ValueTask<string?> PseudonymOfAsync(string tenant, string userId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var keyId = await UserKeyIdAsync(connection, tenant, Pseudonymize(tenant, userId), cancellationToken).ConfigureAwait(false);
        return keyId is null ? null : UserPseudonymizer.ForKey(_keys.PseudonymKey, keyId);
    }

    /// <summary>The id of the user's excerpt key (found by their lookup pseudonym); null: none.</summary>
    private async ValueTask<string?> UserKeyIdAsync(SqliteConnection connection, string tenant, string lookup, CancellationToken cancellationToken)
    {
        if (_sharedKeys is not null)
        {
            return await _sharedKeys.FindUserKeyIdAsync(tenant, lookup, cancellationToken).ConfigureAwait(false);
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key_id FROM audit_user_keys WHERE tenant = $tenant AND user_pseudonym = $user";
        select.Parameters.AddWithValue("$tenant", tenant);
        select.Parameters.AddWithValue("$user", lookup);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static string BuildFilter(AuditQuery query, SqliteCommand command, string[]? users)
    {
        var where = new StringBuilder("e.tenant = $tenant");
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        if (query.Since is { } since)
        {
            where.Append(" AND e.at_ms >= $since");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        if (query.Until is { } until)
        {
            where.Append(" AND e.at_ms < $until");
            command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        }

        if (!string.IsNullOrEmpty(query.Rule))
        {
            where.Append(" AND (e.rule = $rule OR substr(e.rule, 1, length($rulePrefix)) = $rulePrefix)");
            command.Parameters.AddWithValue("$rule", query.Rule);
            command.Parameters.AddWithValue("$rulePrefix", query.Rule + ".");
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            where.Append(" AND e.action = $action");
            command.Parameters.AddWithValue("$action", query.Action);
        }

        if (!string.IsNullOrEmpty(query.Stage))
        {
            where.Append(" AND e.stage = $stage");
            command.Parameters.AddWithValue("$stage", query.Stage);
        }

        if (users is not null)
        {
            where.Append(" AND e.user_pseudonym IN ($user0, $user1)");
            // No pseudonym (an erased user): two values no event carries.
            command.Parameters.AddWithValue("$user0", users.Length > 0 ? users[0] : string.Empty);
            command.Parameters.AddWithValue("$user1", users.Length > 1 ? users[1] : string.Empty);
        }

        if (!string.IsNullOrEmpty(query.KeyId))
        {
            where.Append(" AND e.key_id = $keyId");
            command.Parameters.AddWithValue("$keyId", query.KeyId);
        }

        if (!string.IsNullOrEmpty(query.RequestId))
        {
            where.Append(" AND e.request_id = $requestId");
            command.Parameters.AddWithValue("$requestId", query.RequestId);
        }

        if (query.BeforeId is { } before)
        {
            where.Append(" AND e.seq < $before");
            command.Parameters.AddWithValue("$before", before);
        }

        return where.ToString();
    }

    private async ValueTask<List<AuditEvent>> ReadEventsAsync(SqliteConnection connection, SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        var keys = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(await ToEventAsync(connection, reader, keys, cancellationToken).ConfigureAwait(false));
        }

        return events;
    }

    private async ValueTask<AuditEvent> ToEventAsync(SqliteConnection connection, SqliteDataReader reader, Dictionary<string, byte[]?> keys, CancellationToken cancellationToken)
    {
        var stored = ReadStored(reader);
        var excerpt = stored.ExcerptPlain;
        var erased = false;
        if (stored.ExcerptCipher is { } cipher && stored.ExcerptKey is { } keyId && stored.UserPseudonym is { } user)
        {
            var key = await FindUserKeyAsync(connection, keyId, keys, cancellationToken).ConfigureAwait(false);
            if (key is not null && ExcerptCipher.TryDecrypt(key, cipher, ExcerptAad(stored.Tenant, user, keyId), out var plain))
            {
                excerpt = Encoding.UTF8.GetString(plain);
            }
            else
            {
                erased = true;
            }
        }

        return new AuditEvent
        {
            Id = reader.GetInt64(17),
            At = DateTimeOffset.FromUnixTimeMilliseconds(stored.AtMs),
            RequestId = stored.RequestId,
            Tenant = stored.Tenant,
            UserId = stored.UserPseudonym,
            Stage = stored.Stage,
            Rule = stored.Rule,
            Action = stored.Action,
            Excerpt = excerpt,
            ExcerptErased = erased,
            Score = stored.Score,
            TemplateVersion = stored.TemplateVersion,
            KeyId = stored.KeyId,
            PolicyVersion = stored.PolicyVersion,
            Verdict = reader.IsDBNull(18) ? null : reader.GetString(18),
            VerdictNote = reader.IsDBNull(19) ? null : reader.GetString(19),
            VerdictAt = reader.IsDBNull(20) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(20)),
            Hash = stored.Hash,
            PrevHash = stored.PrevHash,
        };
    }

    private static StoredEvent ReadStored(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetDouble(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : (byte[])reader.GetValue(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.GetString(15),
        reader.GetString(16));

    internal static void WriteJson(Utf8JsonWriter writer, AuditEvent e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", e.Id);
        writer.WriteString("at", e.At);
        writer.WriteString("requestId", e.RequestId);
        writer.WriteString("tenant", e.Tenant);
        writer.WriteString("userId", e.UserId);
        writer.WriteString("stage", e.Stage);
        writer.WriteString("rule", e.Rule);
        writer.WriteString("action", e.Action);
        writer.WriteString("excerpt", e.Excerpt);
        writer.WriteBoolean("excerptErased", e.ExcerptErased);
        writer.WriteNumber("score", e.Score);
        writer.WriteString("templateVersion", e.TemplateVersion);
        writer.WriteString("keyId", e.KeyId);
        writer.WriteString("policyVersion", e.PolicyVersion);
        writer.WriteString("verdict", e.Verdict);
        writer.WriteString("verdictNote", e.VerdictNote);
        if (e.VerdictAt is { } verdictAt)
        {
            writer.WriteString("verdictAt", verdictAt);
        }
        else
        {
            writer.WriteNull("verdictAt");
        }

        writer.WriteString("prevHash", e.PrevHash);
        writer.WriteString("hash", e.Hash);
        writer.WriteEndObject();
    }

    /// <summary>One chain's verification; row numbers are the tenant's (<c>seq</c>).</summary>
    private sealed record ChainCheck(bool Valid, long Checked, long? FirstBroken, string? Reason, long? HeadSeq, string HeadHash, long AnchorSeq);
}
