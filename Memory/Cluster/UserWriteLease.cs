namespace Memory.Cluster;

/// <summary>A held lease: its fencing token (higher than every token handed out before) and a check that it is still
/// this holder's, made before writing. A lease without a token (one process, or Redis down) is always held.</summary>
public sealed class UserWriteLease : IAsyncDisposable
{
    private readonly Func<long, Task<bool>>? _isHeld;
    private readonly Func<long, Task>? _release;

    internal UserWriteLease(long token, Func<long, Task<bool>>? isHeld, Func<long, Task>? release)
    {
        Token = token;
        _isHeld = isHeld;
        _release = release;
    }

    /// <summary>A lease of one process: nothing to hold, nothing to release.</summary>
    public static UserWriteLease Local { get; } = new(0, null, null);

    /// <summary>The fencing token (0 for a local lease).</summary>
    public long Token { get; }

    /// <summary>True while no other replica has taken the lease over (it expired and was granted again).</summary>
    public Task<bool> IsHeldAsync() => _isHeld?.Invoke(Token) ?? Task.FromResult(true);

    public async ValueTask DisposeAsync()
    {
        if (_release is not null)
        {
            await _release(Token).ConfigureAwait(false);
        }
    }
}
