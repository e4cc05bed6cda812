using System.Collections.Concurrent;
using Memory.Model;

namespace Memory.Cluster;

/// <summary>One request's view of the cluster state: the first read of a user's state in a request goes to Redis
/// (one pipelined round trip), later reads in the same request reuse it. Outside a scope (background work) every read
/// goes to Redis.</summary>
public static class ClusterRequestScope
{
    private static readonly AsyncLocal<ConcurrentDictionary<UserKey, UserSnapshot>?> Current = new();

    /// <summary>Opens a scope for the rest of the current asynchronous flow (the request); dispose to close it.</summary>
    public static IDisposable Begin()
    {
        var previous = Current.Value;
        Current.Value = new ConcurrentDictionary<UserKey, UserSnapshot>();
        return new Closer(previous);
    }

    internal static UserSnapshot? Find(UserKey user) => Current.Value?.GetValueOrDefault(user);

    internal static UserSnapshot? Any() => Current.Value is { IsEmpty: false } seen ? seen.Values.First() : null;

    internal static void Remember(UserKey user, UserSnapshot snapshot)
    {
        if (Current.Value is { } seen)
        {
            seen[user] = snapshot;
        }
    }

    internal static void Forget(UserKey user) => Current.Value?.TryRemove(user, out _);

    private sealed class Closer(ConcurrentDictionary<UserKey, UserSnapshot>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
