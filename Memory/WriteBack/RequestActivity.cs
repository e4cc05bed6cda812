namespace Memory.WriteBack;

/// <summary>How many of the host's calls are in flight, so background write-back can give way to them: the host
/// counts each call in (<see cref="Enter"/>) and out (<see cref="Exit"/>), and the write-back worker waits for a moment
/// with none before each of its steps (<see cref="WhenIdleAsync"/>). Two interlocked operations per call; a waiter is
/// woken by the call that brings the count to zero.</summary>
public sealed class RequestActivity
{
    private readonly object _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;

    /// <summary>Calls in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) != 0 || Volatile.Read(ref _idle) is null)
        {
            return;
        }

        TaskCompletionSource? idle;
        lock (_gate)
        {
            idle = _idle;
            _idle = null;
        }

        idle?.TrySetResult();
    }

    /// <summary>Completes when no call is in flight, or once <paramref name="maxWait"/> has passed (true: it was
    /// idle; false: it waited the whole time).</summary>
    public async ValueTask<bool> WhenIdleAsync(TimeSpan maxWait, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return true;
        }

        if (maxWait <= TimeSpan.Zero)
        {
            return false;
        }

        Task idle;
        lock (_gate)
        {
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        // A call that brought the count to zero between the first read and publishing the signal did not see it.
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return true;
        }

        try
        {
            await idle.WaitAsync(maxWait, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
