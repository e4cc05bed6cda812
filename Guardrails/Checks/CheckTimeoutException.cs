namespace Guardrails.Checks;

/// <summary>A check spent more than its <see cref="CheckBudget"/> on one text.</summary>
internal sealed class CheckTimeoutException(TimeSpan limit)
    : TimeoutException($"The check took longer than {limit.TotalMilliseconds:0} ms.");
