using Guardrails.Audit;
using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>User erasure destroys the user's audit excerpt key: their excerpts become unreadable while the audit
/// chain stays verifiable.</summary>
internal sealed class AuditErasureParticipant(IAuditLog audit) : IUserErasureParticipant
{
    public async Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        try
        {
            await audit.EraseUserAsync(user.Tenant, user.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditKeysUnavailableException e)
        {
            // A cluster's shared excerpt keys are out of reach: the erasure answers 503 and must be repeated.
            throw new Memory.ErasureIncompleteException("The user's audit excerpt key could not be destroyed: the shared key store is unreachable.", e);
        }
    }
}
