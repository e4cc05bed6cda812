using Memory.Model;

namespace Memory.DirectWrites;

/// <summary>Serialises changes to one user's memories inside this process (dedup reads then writes), striped so
/// memory stays fixed however many users there are. Shared by the memory service and the re-embedding service.</summary>
internal sealed class UserWriteLocks : IDisposable
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<Releaser> AcquireAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        var stripe = _stripes[(int)((uint)user.GetHashCode() % Stripes)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    /// <summary>Releases the stripe on dispose.</summary>
    public readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
