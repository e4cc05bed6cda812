using Memory.Model;
using Memory.Stores;

namespace Memory.Retrieval;

/// <summary>Applies a <see cref="MemoryFilter"/> in process, with the same meaning the stores give it.</summary>
internal static class MemoryFilterMatcher
{
    public static bool Matches(MemoryFilter filter, MemoryItem item)
    {
        if (!filter.IncludeSuperseded && !item.IsCurrent)
        {
            return false;
        }

        if (filter.MinConfidence is { } min && item.Confidence < min)
        {
            return false;
        }

        if (filter.OccurredAfter is { } after && item.OccurredAt < after)
        {
            return false;
        }

        if (filter.Contexts is { Count: > 0 } contexts)
        {
            foreach (var context in contexts)
            {
                if (string.Equals(context, item.Context, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }
}
