namespace Memory.WriteBack.Extraction;

/// <summary>What one heuristic rule read from a clause: slot, matching subject and third-person text.</summary>
internal sealed record FactDraft(string Slot, string? Subject, string Text);
