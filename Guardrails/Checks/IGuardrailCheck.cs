namespace Guardrails.Checks;

/// <summary>One guardrail check. Checks are pure: no I/O, no state between calls, safe to run concurrently.</summary>
internal interface IGuardrailCheck
{
    /// <summary>The rule family every rule of this check starts with (<c>pii</c>, <c>secret</c>...).</summary>
    string Family { get; }

    /// <summary>How many trailing characters a streamed window must hold back for this check to see a whole
    /// match with its look-around; 0 when the check only runs on the complete text.</summary>
    int StreamWindow { get; }

    /// <summary>Finds every match in <paramref name="text"/>.</summary>
    IEnumerable<Detection> Detect(string text, CheckContext context);
}
