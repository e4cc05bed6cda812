using System.Collections.Concurrent;
using Memory.Model;

namespace Memory.Stores.Sqlite;

/// <summary>
/// Consent is read on every personalized call (prompt, selection, write-back) and changes rarely. The SQLite store
/// is meant to be the only writer of its file (one gateway per data directory), so it caches what it read and what
/// it wrote (null too: "no choice recorded"); entries expire after <see cref="Lifetime"/> on the store's
/// <see cref="TimeProvider"/>, which bounds how long a change made by another process sharing the file by mistake
/// can go unseen. A read that raced a change does not cache what it read: a generation counter tells.
/// </summary>
internal sealed class ConsentCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<UserKey, Entry> _entries = new();
    private long _generation;

    private sealed record Entry(bool? Value, long ExpiresAt);

    /// <summary>The cached consent, when there is a live entry.</summary>
    public bool TryGet(UserKey user, out bool? consent)
    {
        if (_entries.TryGetValue(user, out var known) && time.GetTimestamp() < known.ExpiresAt)
        {
            consent = known.Value;
            return true;
        }

        consent = null;
        return false;
    }

    /// <summary>Taken before a database read; <see cref="StoreRead"/> caches the read only if nothing changed since.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Caches what a read found, unless a change raced it (or the cache is full: then it is cleared).</summary>
    public void StoreRead(UserKey user, bool? consent, long generation)
    {
        if (_entries.Count >= MaxEntries)
        {
            Interlocked.Increment(ref _generation);
            _entries.Clear();
        }
        else if (Volatile.Read(ref _generation) == generation)
        {
            var entry = new Entry(consent, Expiry());
            _entries.AddOrUpdate(user, entry, (_, current) => time.GetTimestamp() < current.ExpiresAt ? current : entry);
            if (Volatile.Read(ref _generation) != generation)
            {
                // A change raced this read: drop what it may have cached.
                _entries.TryRemove(KeyValuePair.Create(user, entry));
            }
        }
    }

    /// <summary>Records a consent change, after it is committed.</summary>
    public void Changed(UserKey user, bool? consent)
    {
        Interlocked.Increment(ref _generation);
        _entries[user] = new Entry(consent, Expiry());
    }

    /// <summary>Forgets a user whose change may or may not have committed (the next read goes to the database).</summary>
    public void Forget(UserKey user)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(user, out _);
    }

    private long Expiry() => time.GetTimestamp() + (long)(Lifetime.TotalSeconds * time.TimestampFrequency);
}
