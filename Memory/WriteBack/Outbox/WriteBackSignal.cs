namespace Memory.WriteBack.Outbox;

/// <summary>Wakes the worker when a turn is enqueued (or a caller waits for idle), so it need not poll.</summary>
internal sealed class WriteBackSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Whether a notification is waiting for the worker.</summary>
    internal bool IsPending => _signal.CurrentCount > 0;

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every enqueue before it.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notified = _signal.WaitAsync(cts.Token);
        var delay = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(notified, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(notified, delay).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
