using Guardrails.Audit;
using Microsoft.Data.Sqlite;
using static Gateway.Tests.Review.TwoTenantAuditGateway;

namespace Gateway.Tests.Review;

/// <summary>An audit file written before ids were numbered per tenant (one id sequence shared by all tenants) is
/// migrated when the gateway opens it: each tenant's events and verdicts are numbered 1, 2, 3, ... in the order they
/// were written, the chains still verify, and new events continue each tenant's numbering.</summary>
public sealed class AuditMigrationTests
{
    /// <summary>The schema of the audit file before the <c>seq</c> columns, as it was created then.</summary>
    private const string OldSchema = """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, tenant TEXT NOT NULL, request_id TEXT NOT NULL,
            user_pseudonym TEXT NULL, stage TEXT NOT NULL, rule TEXT NOT NULL, action TEXT NOT NULL, score REAL NOT NULL,
            excerpt_plain TEXT NULL, excerpt_cipher BLOB NULL, excerpt_key TEXT NULL, template_version TEXT NULL,
            key_id TEXT NULL, policy_version TEXT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX ix_audit_events_tenant_id ON audit_events (tenant, id);
        CREATE INDEX ix_audit_events_tenant_at ON audit_events (tenant, at_ms);
        CREATE INDEX ix_audit_events_tenant_user ON audit_events (tenant, user_pseudonym, id);
        CREATE INDEX ix_audit_events_tenant_rule ON audit_events (tenant, rule, id);
        CREATE TABLE audit_verdicts (
            id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, event_id INTEGER NOT NULL, verdict TEXT NOT NULL, note TEXT NULL,
            at_ms INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX ix_audit_verdicts_event ON audit_verdicts (tenant, event_id, id);
        CREATE TABLE audit_chains (
            tenant TEXT NOT NULL, chain TEXT NOT NULL, head_id INTEGER NOT NULL, head_hash TEXT NOT NULL,
            anchor_id INTEGER NOT NULL, anchor_hash TEXT NOT NULL, PRIMARY KEY (tenant, chain));
        CREATE TABLE audit_user_keys (
            key_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, user_pseudonym TEXT NOT NULL, wrapped_key BLOB NOT NULL,
            created_ms INTEGER NOT NULL);
        CREATE UNIQUE INDEX ix_audit_user_keys_user ON audit_user_keys (tenant, user_pseudonym);
        """;

    [Fact]
    public async Task An_old_audit_file_is_numbered_per_tenant_in_write_order_and_still_verifies()
    {
        var data = Directory.CreateTempSubdirectory("gateway-audit-migration-").FullName;
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        // Rows 1..6 of the shared sequence, the tenants interleaved; acme's third row carries an old verdict.
        (long Id, string Tenant, string Rule)[] rows =
        [
            (1, "acme", "pii.email"), (2, "globex", "pii.card"), (3, "acme", "pii.phone"),
            (4, "acme", "secret.aws_access_key"), (5, "globex", "pii.iban"), (6, "acme", "pii.ssn"),
        ];
        WriteOldFile(Path.Combine(data, "audit.db"), rows, verdictOnRowId: 4, at);

        await using var gateway = await TwoTenantAuditGateway.StartAsync(data);

        var acme = (await gateway.GetJsonAsync("v1/audit/events", AcmeKey))["events"]!.AsArray();
        Assert.Equal([4L, 3L, 2L, 1L], acme.Select(e => e!["id"]!.GetValue<long>()));
        Assert.Equal(["pii.ssn", "secret.aws_access_key", "pii.phone", "pii.email"], acme.Select(e => e!["rule"]!.GetValue<string>()));
        var globex = (await gateway.GetJsonAsync("v1/audit/events", GlobexKey))["events"]!.AsArray();
        Assert.Equal([2L, 1L], globex.Select(e => e!["id"]!.GetValue<long>()));
        Assert.Equal(["pii.iban", "pii.card"], globex.Select(e => e!["rule"]!.GetValue<string>()));

        // The old verdict on shared row 4 belongs to acme's event 3 now.
        var judged = await gateway.GetJsonAsync("v1/audit/events/3", AcmeKey);
        Assert.Equal("secret.aws_access_key", judged["rule"]!.GetValue<string>());
        Assert.Equal("false_positive", judged["verdict"]!.GetValue<string>());

        foreach (var (key, head) in new[] { (AcmeKey, 4L), (GlobexKey, 2L) })
        {
            var verify = await gateway.GetJsonAsync("v1/audit/verify", key);
            Assert.True(verify["valid"]!.GetValue<bool>() && verify["verdictsValid"]!.GetValue<bool>(), verify.ToJsonString());
            Assert.Equal(head, verify["headId"]!.GetValue<long>());
        }

        // New events and verdicts continue each tenant's numbers.
        await gateway.ChatAsync(GlobexKey, "Write to gil@globex.com");
        var globexNow = await gateway.EventIdsAsync(GlobexKey);
        Assert.True(globexNow.Count > 2, $"{globexNow.Count} events");
        Assert.Equal(Enumerable.Range(1, globexNow.Count).Select(i => (long)i).Reverse(), globexNow);
        using (var judge = await gateway.SendAsync(HttpMethod.Post, "v1/audit/events/1/verdict", AcmeKey, """{"verdict":"true_positive"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, judge.StatusCode);
            Assert.Equal(2L, JsonNode.Parse(await judge.Content.ReadAsStringAsync())!["id"]!.GetValue<long>());
        }

        foreach (var key in new[] { AcmeKey, GlobexKey })
        {
            var verify = await gateway.GetJsonAsync("v1/audit/verify", key);
            Assert.True(verify["valid"]!.GetValue<bool>() && verify["verdictsValid"]!.GetValue<bool>(), verify.ToJsonString());
        }
    }

    /// <summary>Writes rows the way the old schema held them: one id sequence for all tenants, one hash chain per
    /// tenant, and each chain's head.</summary>
    private static void WriteOldFile(string path, (long Id, string Tenant, string Rule)[] rows, long verdictOnRowId, long atMs)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, OldSchema);
        var heads = new Dictionary<string, (long Id, string Hash)>(StringComparer.Ordinal);
        foreach (var (id, tenant, rule) in rows)
        {
            var prev = heads.TryGetValue(tenant, out var head) ? head.Hash : AuditHasher.Genesis;
            var stored = new StoredEvent(id, atMs + id, tenant, $"req-{id}", null, "output", rule, "redact", 1.0, "[REDACTED]",
                null, null, "chat@v1", $"{tenant}-app", "default@v1", prev, string.Empty);
            stored = stored with { Hash = AuditHasher.HashEvent(stored) };
            Execute(connection, """
                INSERT INTO audit_events (id, at_ms, tenant, request_id, user_pseudonym, stage, rule, action, score, excerpt_plain,
                    excerpt_cipher, excerpt_key, template_version, key_id, policy_version, prev_hash, hash)
                VALUES ($id, $at, $tenant, $request, NULL, $stage, $rule, $action, $score, $plain, NULL, NULL, $template, $keyId, $policy, $prev, $hash)
                """,
                ("$id", stored.Id), ("$at", stored.AtMs), ("$tenant", stored.Tenant), ("$request", stored.RequestId), ("$stage", stored.Stage),
                ("$rule", stored.Rule), ("$action", stored.Action), ("$score", stored.Score), ("$plain", stored.ExcerptPlain!),
                ("$template", stored.TemplateVersion!), ("$keyId", stored.KeyId!), ("$policy", stored.PolicyVersion!), ("$prev", stored.PrevHash), ("$hash", stored.Hash));
            heads[tenant] = (id, stored.Hash);
        }

        foreach (var (tenant, head) in heads)
        {
            WriteChain(connection, tenant, AuditSchema.Events, head.Id, head.Hash);
        }

        var verdictTenant = rows.Single(r => r.Id == verdictOnRowId).Tenant;
        var verdict = new StoredVerdict(7, verdictTenant, verdictOnRowId, AuditVerdicts.FalsePositive, "old note", atMs + 100, AuditHasher.Genesis, string.Empty);
        verdict = verdict with { Hash = AuditHasher.HashVerdict(verdict) };
        Execute(connection, """
            INSERT INTO audit_verdicts (id, tenant, event_id, verdict, note, at_ms, prev_hash, hash)
            VALUES ($id, $tenant, $event, $verdict, $note, $at, $prev, $hash)
            """,
            ("$id", verdict.Id), ("$tenant", verdict.Tenant), ("$event", verdict.EventId), ("$verdict", verdict.Verdict),
            ("$note", verdict.Note!), ("$at", verdict.AtMs), ("$prev", verdict.PrevHash), ("$hash", verdict.Hash));
        WriteChain(connection, verdictTenant, AuditSchema.Verdicts, verdict.Id, verdict.Hash);
    }

    private static void WriteChain(SqliteConnection connection, string tenant, string chain, long headId, string headHash) =>
        Execute(connection, "INSERT INTO audit_chains (tenant, chain, head_id, head_hash, anchor_id, anchor_hash) VALUES ($tenant, $chain, $id, $hash, 0, $genesis)",
            ("$tenant", tenant), ("$chain", chain), ("$id", headId), ("$hash", headHash), ("$genesis", AuditHasher.Genesis));

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
