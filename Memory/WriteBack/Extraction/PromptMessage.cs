namespace Memory.WriteBack.Extraction;

/// <summary>A user message as the extraction prompt shows it.</summary>
internal sealed record PromptMessage(string Id, string Text);
