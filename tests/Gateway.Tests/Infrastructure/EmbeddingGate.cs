namespace Gateway.Tests.Infrastructure;

/// <summary>Holds one embedding call at a known point: once armed with a marker, the first call embedding a text that
/// contains it waits until <see cref="Release"/> (a gate the test opens, no sleeps). Shared by the test embedders that
/// hold a request in its memory selection.</summary>
public sealed class EmbeddingGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _marker;

    /// <summary>Completes when a call with the marker is being held.</summary>
    public Task Entered => _entered.Task;

    public bool IsHeld => _entered.Task.IsCompleted && !_released.Task.IsCompleted;

    public void Arm(string marker) => Volatile.Write(ref _marker, marker);

    public void Release() => _released.TrySetResult();

    /// <summary>Waits at the gate when <paramref name="texts"/> hold the armed marker (once per arming).</summary>
    public async Task PassAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var marker = Volatile.Read(ref _marker);
        if (marker is not null && texts.Any(v => v.Contains(marker, StringComparison.Ordinal)) &&
            Interlocked.CompareExchange(ref _marker, null, marker) == marker)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
