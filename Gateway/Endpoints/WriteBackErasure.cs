using Memory.Model;
using Memory.WriteBack;

namespace Gateway.Endpoints;

/// <summary>Erasure removes the user's turns still waiting in the write-back outbox.</summary>
internal sealed class WriteBackErasure(IWriteBackAdmin admin) : IUserErasureParticipant
{
    public Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default) => admin.EraseUserAsync(user, cancellationToken);
}
