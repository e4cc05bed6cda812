namespace Guardrails.Checks;

/// <summary>The time one check may spend on one text (<c>Guardrails:CheckTimeoutMilliseconds</c>). Checks call
/// <see cref="ThrowIfExceeded"/> between patterns and matches; each single regex call is bounded by its own
/// timeout, so an exceeded budget is noticed at the next call.</summary>
internal sealed class CheckBudget(TimeProvider time, TimeSpan limit)
{
    private readonly long _started = time.GetTimestamp();

    public TimeSpan Limit => limit;

    public bool IsExceeded => time.GetElapsedTime(_started) > limit;

    /// <summary>Throws <see cref="CheckTimeoutException"/> once the budget is spent.</summary>
    public void ThrowIfExceeded()
    {
        if (IsExceeded)
        {
            throw new CheckTimeoutException(limit);
        }
    }
}
