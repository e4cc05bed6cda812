using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>Lets the host's calls go first: before each step of a turn's write-back (claim, extraction, consolidation,
/// completion) the worker waits for a moment with no call in flight, at most
/// <see cref="WriteBackOptions.YieldToRequests"/> per step, and not at all for a turn already older than
/// <see cref="WriteBackOptions.MaxDelay"/> (so under sustained traffic the backlog stays bounded and the worker then
/// runs at full speed). On a small machine write-back otherwise takes the cores, the SQLite writer and the upstream
/// from calls that are waiting for their answer.</summary>
internal sealed class WriteBackPacer(RequestActivity activity, IOptions<WriteBackOptions> options, TimeProvider time)
{
    private readonly WriteBackOptions _options = options.Value;

    /// <summary>Waits (bounded) for the host to have no call in flight before a step of <paramref name="turn"/>, or of
    /// a claim when <paramref name="turn"/> is null.</summary>
    public async ValueTask GiveWayAsync(ConversationTurn? turn, CancellationToken cancellationToken)
    {
        var most = _options.YieldToRequests;
        if (most <= TimeSpan.Zero || activity.InFlight == 0 || (turn is not null && time.GetUtcNow() - turn.At >= _options.MaxDelay))
        {
            return;
        }

        await activity.WhenIdleAsync(most, time, cancellationToken).ConfigureAwait(false);
    }
}
