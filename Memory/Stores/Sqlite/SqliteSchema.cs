namespace Memory.Stores.Sqlite;

/// <summary>The embedded store's tables. Times are UTC ticks; sources and metadata JSON; embeddings
/// little-endian float32 BLOBs tagged with the model that made them.</summary>
internal static class SqliteSchema
{
    public const int Version = 3;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS memories (
            tenant          TEXT    NOT NULL,
            user_id         TEXT    NOT NULL,
            id              TEXT    NOT NULL,
            text            TEXT    NOT NULL,
            context         TEXT    NOT NULL,
            confidence      REAL    NOT NULL,
            occurred_at     INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            valid_to        INTEGER NULL,
            sources         TEXT    NOT NULL,
            metadata        TEXT    NOT NULL,
            embedding_model TEXT    NULL,
            embedding       BLOB    NULL,
            UNIQUE (tenant, user_id, id)
        );
        CREATE INDEX IF NOT EXISTS ix_memories_user_created ON memories (tenant, user_id, created_at);
        CREATE INDEX IF NOT EXISTS ix_memories_embedding_model ON memories (embedding_model);

        CREATE TABLE IF NOT EXISTS history (
            seq        INTEGER PRIMARY KEY,
            tenant     TEXT    NOT NULL,
            user_id    TEXT    NOT NULL,
            memory_id  TEXT    NOT NULL,
            event      TEXT    NOT NULL,
            before     TEXT    NULL,
            after      TEXT    NULL,
            at         INTEGER NOT NULL,
            actor      TEXT    NULL,
            reason     TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_history_memory ON history (tenant, user_id, memory_id);
        CREATE INDEX IF NOT EXISTS ix_history_user_at ON history (tenant, user_id, at);

        CREATE TABLE IF NOT EXISTS user_consent (
            user_hash  TEXT    NOT NULL PRIMARY KEY,
            memory     INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS erasures (
            user_hash  TEXT    NOT NULL PRIMARY KEY,
            generation INTEGER NOT NULL,
            erased_at  INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_erasures_generation ON erasures (generation);
        """;

    /// <summary>Version 2 added <c>history.reason</c>: is the column there (files made by version 1 lack it)?</summary>
    public const string HasHistoryReason = "SELECT count(*) FROM pragma_table_info('history') WHERE name = 'reason';";

    public const string AddHistoryReason = "ALTER TABLE history ADD COLUMN reason TEXT NULL;";

    /// <summary>Versions 1 and 2 kept consent under the tenant and user id in clear (<c>consent</c>), so a withdrawn
    /// consent, which outlives erasure, kept an erased user's id (an email, say) in the file. Version 3 keys it by a
    /// hash (<c>user_consent</c>): is the old table there?</summary>
    public const string HasClearConsent = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'consent';";

    public const string ReadClearConsent = "SELECT tenant, user_id, memory, updated_at FROM consent;";

    public const string DropClearConsent = "DROP TABLE consent;";

    // "+embedding_model" keeps the planner on the user index: without statistics it would otherwise pick the
    // model index, whose single value matches every row, and scan the whole table for one user's vectors.

    /// <summary>How many vectors of one model a user has.</summary>
    public const string CountUserVectors =
        "SELECT count(*) FROM memories WHERE tenant = $tenant AND user_id = $user AND +embedding_model = $model;";

    /// <summary>A user's vectors of one model with the fields the index filters on.</summary>
    public const string LoadUserVectors = """
        SELECT id, context, confidence, occurred_at, valid_to IS NULL, embedding FROM memories
        WHERE tenant = $tenant AND user_id = $user AND +embedding_model = $model;
        """;

    /// <summary>Columns read into a <see cref="Model.MemoryItem"/>, in <see cref="MemoryRowReader"/>'s order.</summary>
    public const string MemoryColumns =
        "id, text, context, confidence, occurred_at, created_at, updated_at, valid_to, sources, metadata, embedding_model, embedding";
}
