namespace Guardrails.Audit;

/// <summary>The append-only, hash-chained record of every guardrail decision, one chain per tenant. Excerpts
/// are redacted before they are written and encrypted under a key of the user's own; user ids are kept only
/// as keyed pseudonyms. Every read is scoped to one tenant, and ids are the tenant's own: each tenant's events
/// (and verdicts) are numbered 1, 2, 3, ... so an id says nothing about other tenants.</summary>
public interface IAuditLog
{
    /// <summary>Appends one decision; returns its id (its number within the tenant).</summary>
    ValueTask<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Appends decisions in order, committed together; returns their ids. One request's events should
    /// be appended in one call.</summary>
    ValueTask<IReadOnlyList<long>> AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Events of <see cref="AuditQuery.Tenant"/> matching the filters, newest first.</summary>
    ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>One event of the tenant, or null when there is none with that id.</summary>
    ValueTask<AuditEvent?> GetAsync(string tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the tenant's chains (events and verdicts) and says whether any row was edited,
    /// inserted, removed or reordered.</summary>
    ValueTask<AuditVerification> VerifyAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Appends a reviewer's verdict on an event (the event itself is never rewritten); null when the
    /// tenant has no such event.</summary>
    ValueTask<AuditVerdict?> AddVerdictAsync(string tenant, long eventId, string verdict, string? note, CancellationToken cancellationToken = default);

    /// <summary>Event counts per rule per time bucket, for the filters of <paramref name="query"/>
    /// (<see cref="AuditQuery.Limit"/> is ignored).</summary>
    ValueTask<IReadOnlyList<AuditRuleCount>> CountByRuleAsync(AuditQuery query, TimeSpan bucket, CancellationToken cancellationToken = default);

    /// <summary>Writes the matching events, oldest first, as JSON lines (one event per line, with its hashes).</summary>
    Task ExportJsonLinesAsync(AuditQuery query, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Destroys the user's excerpt key: their excerpts become unreadable while the chain stays
    /// verifiable. Returns how many keys were destroyed.</summary>
    ValueTask<int> EraseUserAsync(string tenant, string userId, CancellationToken cancellationToken = default);

    /// <summary>Prunes events and verdicts older than the retention setting from the head of each chain,
    /// keeping an anchor hash so that verification still holds. Returns how many events were pruned.</summary>
    ValueTask<int> ApplyRetentionAsync(CancellationToken cancellationToken = default);

    /// <summary>The pseudonym the user's events carry (that of their excerpt key); null when the user has none: never
    /// audited, or erased since (their earlier events lead to nobody any more).</summary>
    ValueTask<string?> PseudonymOfAsync(string tenant, string userId, CancellationToken cancellationToken = default);
}
