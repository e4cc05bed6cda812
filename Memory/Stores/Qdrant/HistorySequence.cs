namespace Memory.Stores.Qdrant;

/// <summary>Orders history entries recorded at the same instant: strictly increasing within this process and close
/// to wall-clock ticks, so entries from several replicas interleave in the order they were appended.</summary>
internal sealed class HistorySequence(TimeProvider time)
{
    private long _last;

    public long Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(last + 1, time.GetUtcNow().UtcTicks);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }
}
