using Memory.Model;

namespace Gateway.Endpoints;

/// <summary>Anything that holds user data besides the memory store (write-back outbox, audit excerpts) takes part
/// in erasure through this.</summary>
public interface IUserErasureParticipant
{
    Task EraseUserAsync(UserKey user, CancellationToken cancellationToken = default);
}
