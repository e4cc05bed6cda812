namespace Guardrails.Audit;

/// <summary>The audit database's tables. Events and verdicts are append-only; <c>audit_chains</c> holds each
/// chain's head (so a removed tail is noticed) and anchor (the last pruned hash, so retention keeps the chain
/// verifiable); <c>audit_user_keys</c> holds each user's wrapped excerpt key, which erasure deletes.
/// <c>id</c> is the row's place in the file (shared by all tenants, never shown); <c>seq</c> numbers one tenant's
/// events (and verdicts) 1, 2, 3, ... and is the id every API shows, so no tenant learns how many events another
/// one has. <c>audit_chains.head_seq</c> remembers the last number so it is never reused, not even after retention
/// pruned every row; <c>anchor_seq</c> is the number of the last pruned row. Files written before <c>seq</c>
/// existed are migrated on open (<see cref="AuditSchemaMigration"/>).</summary>
internal static class AuditSchema
{
    public const string Events = "events";
    public const string Verdicts = "verdicts";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS audit_events (
            id INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            tenant TEXT NOT NULL,
            seq INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            user_pseudonym TEXT NULL,
            stage TEXT NOT NULL,
            rule TEXT NOT NULL,
            action TEXT NOT NULL,
            score REAL NOT NULL,
            excerpt_plain TEXT NULL,
            excerpt_cipher BLOB NULL,
            excerpt_key TEXT NULL,
            template_version TEXT NULL,
            key_id TEXT NULL,
            policy_version TEXT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_events_tenant_id ON audit_events (tenant, id);
        CREATE INDEX IF NOT EXISTS ix_audit_events_tenant_at ON audit_events (tenant, at_ms);
        CREATE INDEX IF NOT EXISTS ix_audit_events_tenant_user ON audit_events (tenant, user_pseudonym, id);
        CREATE INDEX IF NOT EXISTS ix_audit_events_tenant_rule ON audit_events (tenant, rule, id);
        CREATE TABLE IF NOT EXISTS audit_verdicts (
            id INTEGER PRIMARY KEY,
            tenant TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event_id INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            note TEXT NULL,
            at_ms INTEGER NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_verdicts_event ON audit_verdicts (tenant, event_id, id);
        CREATE TABLE IF NOT EXISTS audit_chains (
            tenant TEXT NOT NULL,
            chain TEXT NOT NULL,
            head_id INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            anchor_id INTEGER NOT NULL,
            anchor_hash TEXT NOT NULL,
            head_seq INTEGER NOT NULL,
            anchor_seq INTEGER NOT NULL,
            PRIMARY KEY (tenant, chain)
        );
        CREATE TABLE IF NOT EXISTS audit_user_keys (
            key_id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            user_pseudonym TEXT NOT NULL,
            wrapped_key BLOB NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ix_audit_user_keys_user ON audit_user_keys (tenant, user_pseudonym);
        """;

    /// <summary>Indexes on <c>seq</c>, created after <see cref="AuditSchemaMigration"/> gave old files the column.</summary>
    public const string SeqIndexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS ux_audit_events_tenant_seq ON audit_events (tenant, seq);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_audit_verdicts_tenant_seq ON audit_verdicts (tenant, seq);
        """;
}
