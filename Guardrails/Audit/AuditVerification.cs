namespace Guardrails.Audit;

/// <summary>The result of recomputing a tenant's chains. <see cref="HeadHash"/> can be copied somewhere else
/// (a ticket, a notary) so that even a rewrite of the whole file is detectable later. Ids are the tenant's event
/// and verdict numbers: <see cref="HeadId"/> the last event, <see cref="AnchorId"/> the last one pruned by retention.</summary>
public sealed record AuditVerification(
    bool Valid,
    long Checked,
    long? FirstBrokenId,
    string? Reason,
    long? HeadId,
    string HeadHash,
    long AnchorId,
    bool VerdictsValid,
    long VerdictsChecked,
    long? FirstBrokenVerdictId);
