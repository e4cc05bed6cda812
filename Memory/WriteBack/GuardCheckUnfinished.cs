using Memory.Abstractions;

namespace Memory.WriteBack;

/// <summary>A fact the memory guard refused only because a check ran out of time (a busy machine) is not dropped:
/// the turn fails with this exception and the worker retries it later (its attempts and back-off as for any
/// failure), so a chat turn's facts are not lost to load.</summary>
internal sealed class GuardCheckUnfinished : TimeoutException
{
    public GuardCheckUnfinished()
        : base("The memory guard did not finish checking a fact in time; the turn is retried.")
    {
    }

    public GuardCheckUnfinished(string message)
        : base(message)
    {
    }

    public GuardCheckUnfinished(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void ThrowIf(MemoryGuardDecision verdict)
    {
        if (!verdict.Allowed && verdict.Unfinished)
        {
            throw new GuardCheckUnfinished();
        }
    }
}
