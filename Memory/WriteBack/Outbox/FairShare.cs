namespace Memory.WriteBack.Outbox;

/// <summary>Takes items from several queues in turns (one from each, again and again), starting with the queue that
/// <paramref name="rotation"/> picks, until <c>max</c> are taken: no queue waits behind a longer one.</summary>
internal static class FairShare
{
    public static List<T> RoundRobin<T>(IReadOnlyList<IReadOnlyList<T>> queues, int max, int rotation)
    {
        var taken = new List<T>(Math.Min(max, queues.Sum(q => q.Count)));
        if (queues.Count == 0)
        {
            return taken;
        }

        var start = (int)((uint)rotation % (uint)queues.Count);
        for (var round = 0; taken.Count < max; round++)
        {
            var any = false;
            for (var i = 0; i < queues.Count && taken.Count < max; i++)
            {
                var queue = queues[(start + i) % queues.Count];
                if (round < queue.Count)
                {
                    taken.Add(queue[round]);
                    any = true;
                }
            }

            if (!any)
            {
                break;
            }
        }

        return taken;
    }
}
