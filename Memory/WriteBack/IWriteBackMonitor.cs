namespace Memory.WriteBack;

/// <summary>Lets callers (tests, the gateway's end-to-end tests, shutdown) wait for the write-back to catch up.</summary>
public interface IWriteBackMonitor
{
    /// <summary>Wakes the worker and completes once no turn is due and none is in flight. Turns waiting out a
    /// retry backoff, a quiet period or their call's answer (open turns) do not count as due.</summary>
    Task WhenIdleAsync(CancellationToken cancellationToken = default);
}
