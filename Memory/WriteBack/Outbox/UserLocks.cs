using Memory.Model;

namespace Memory.WriteBack.Outbox;

/// <summary>One async lock per user, created on demand and removed when nobody holds or waits for it.</summary>
internal sealed class UserLocks
{
    private readonly Dictionary<UserKey, Entry> _entries = [];

    public async Task<IDisposable> AcquireAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(user, out entry!))
            {
                entry = new Entry();
                _entries[user] = entry;
            }

            entry.References++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(user, entry, held: false);
            throw;
        }

        return new Releaser(this, user, entry);
    }

    private void Release(UserKey user, Entry entry, bool held)
    {
        if (held)
        {
            entry.Gate.Release();
        }

        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(user);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int References { get; set; }
    }

    private sealed class Releaser(UserLocks owner, UserKey user, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(user, entry, held: true);
            }
        }
    }
}
