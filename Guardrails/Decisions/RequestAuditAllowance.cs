using System.Collections.Concurrent;

namespace Guardrails.Decisions;

/// <summary>How many audit events each request may still record (<c>Guardrails:MaxAuditEventsPerRequest</c>),
/// counted across all its texts and stages by the gateway's own id of the call (never the caller's request id, which
/// another caller may reuse), so that one request cannot flood the log. Counters of requests
/// idle for <see cref="Idle"/> are dropped once many are held.</summary>
internal sealed class RequestAuditAllowance(int perRequest, TimeProvider time)
{
    private const int PruneAbove = 4096;
    private const int ClearAbove = 65_536;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Tenant, string CallId), Counter> _counters = new();

    public int PerRequest => perRequest;

    /// <summary>Grants up to <paramref name="wanted"/> events to the request; <paramref name="firstRefusal"/> is
    /// true exactly once per request, on the first call that is refused some.</summary>
    public int Take(string tenant, string callId, int wanted, out bool firstRefusal)
    {
        Prune();
        var counter = _counters.GetOrAdd((tenant, callId), static _ => new Counter());
        lock (counter)
        {
            counter.LastUsed = time.GetTimestamp();
            var granted = Math.Clamp(perRequest - counter.Used, 0, wanted);
            counter.Used += granted;
            firstRefusal = granted < wanted && !counter.Refused;
            counter.Refused |= granted < wanted;
            return granted;
        }
    }

    private void Prune()
    {
        if (_counters.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (time.GetElapsedTime(Volatile.Read(ref counter.LastUsed)) > Idle)
            {
                _counters.TryRemove(key, out _);
            }
        }

        if (_counters.Count > ClearAbove)
        {
            _counters.Clear();
        }
    }

    private sealed class Counter
    {
        public int Used;
        public bool Refused;
        public long LastUsed;
    }
}
