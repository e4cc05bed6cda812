namespace Memory.Text;

/// <summary>The time one regular-expression call over one memory or message may take before it is abandoned. Every
/// pattern of the memory library is linear (tested over pathological inputs), so this is a safety net, not a working
/// limit: it is set well above a match's real cost so that a thread descheduled on a loaded machine is not mistaken
/// for runaway matching (at 100 ms a loaded CI machine timed out plain sentences).</summary>
internal static class RegexBudget
{
    public const int Milliseconds = 1000;

    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(Milliseconds);
}
