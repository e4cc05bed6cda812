namespace Memory.Stores.Qdrant;

/// <summary>Payload keys of this store's points. Times are unix milliseconds (integers) so range filters and
/// indexes work on them.</summary>
internal static class QdrantPayloadKeys
{
    /// <summary>Tenant and user combined (see <see cref="QdrantPointIds.UserKeyValue"/>): the tenant index.</summary>
    public const string UserKey = "userKey";
    public const string Tenant = "tenant";
    public const string User = "user";
    public const string MemoryId = "memoryId";
    public const string Text = "text";
    public const string Context = "context";
    public const string Confidence = "confidence";
    public const string OccurredAt = "occurredAt";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string ValidTo = "validTo";
    public const string Sources = "sources";
    public const string Metadata = "metadata";
    public const string Model = "model";

    // meta collection
    public const string Kind = "kind";
    public const string Event = "event";
    public const string At = "at";
    public const string Sequence = "seq";
    public const string Actor = "actor";
    public const string Reason = "reason";
    public const string Before = "before";
    public const string After = "after";

    /// <summary>The id of a history entry's before snapshot (a nested key, indexed for redaction).</summary>
    public const string BeforeMemoryId = Before + "." + MemoryId;

    /// <summary>The id of a history entry's after snapshot (a nested key, indexed for redaction).</summary>
    public const string AfterMemoryId = After + "." + MemoryId;
    public const string MemoryConsent = "memory";

    public const string KindHistory = "history";
    public const string KindConsent = "consent";
    public const string KindTombstone = "tombstone";
    public const string KindErasureCounter = "erasure-counter";
    public const string Generation = "generation";
}
