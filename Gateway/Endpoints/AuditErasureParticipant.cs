using Guardrails.Audit;
using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>User erasure destroys the user's audit excerpt key: their excerpts become unreadable while the audit
/// chain stays verifiable.</summary>
internal sealed class AuditErasureParticipant(IAuditLog audit) : IUserErasureParticipant
{
    public async Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default) =>
        await audit.EraseUserAsync(user.Tenant, user.UserId, cancellationToken).ConfigureAwait(false);
}
