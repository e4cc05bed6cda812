using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>Lets the host's calls go first: the steps of a turn's write-back (extraction, consolidation) wait for
/// moments with no call in flight, at most <see cref="WriteBackOptions.YieldToRequests"/> in all per turn (claims never
/// wait: a claim is one statement, and waiting there would cap how many turns a pass can take), and a turn already older than <see cref="WriteBackOptions.MaxDelay"/> does not wait (so under
/// traffic that never pauses the backlog stays bounded and the worker then runs at full speed). On a small machine
/// write-back otherwise takes the cores, the SQLite writer and the upstream from calls waiting for their answer.</summary>
internal sealed class WriteBackPacer(RequestActivity activity, IOptions<WriteBackOptions> options, TimeProvider time)
{
    private readonly WriteBackOptions _options = options.Value;

    /// <summary>When a turn's waiting starts: pass it to every <see cref="GiveWayAsync"/> of the turn.</summary>
    public long Start() => time.GetTimestamp();

    /// <summary>Waits for the host to have no call in flight before a step of <paramref name="turn"/>, for what is left of <see cref="WriteBackOptions.YieldToRequests"/> since <paramref name="since"/>.</summary>
    public async ValueTask GiveWayAsync(ConversationTurn turn, long since, CancellationToken cancellationToken)
    {
        if (activity.InFlight == 0 || time.GetUtcNow() - turn.At >= _options.MaxDelay)
        {
            return;
        }

        var left = _options.YieldToRequests - time.GetElapsedTime(since);
        if (left > TimeSpan.Zero)
        {
            await activity.WhenIdleAsync(left, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
