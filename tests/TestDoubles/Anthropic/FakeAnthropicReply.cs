namespace TestDoubles.Anthropic;

/// <summary>What the fake Anthropic upstream does with one Messages call: fail with a status (Anthropic's error
/// shape), or answer text and/or a tool call, plain or streamed as the request asks.</summary>
public sealed record FakeAnthropicReply
{
    /// <summary>Non-200 status to answer with.</summary>
    public int? FailStatus { get; init; }

    /// <summary>Answer text; null uses the <c>[[reply:TEXT]]</c> marker of the last user text, else "ok" (none when a tool call is set).</summary>
    public string? Text { get; init; }

    /// <summary>A tool call to answer with (after the text, if any): name and input JSON.</summary>
    public (string Name, string InputJson)? ToolUse { get; init; }

    /// <summary>Characters per <c>text_delta</c> / <c>input_json_delta</c> when streamed.</summary>
    public int ChunkSize { get; init; } = 4;

    /// <summary>Stream: an <c>error</c> event after the first text delta, instead of the rest.</summary>
    public string? StreamErrorType { get; init; }

    /// <summary>The stop reason (defaults: <c>tool_use</c> with a tool call, else <c>end_turn</c>).</summary>
    public string? StopReason { get; init; }

    public string? StopSequence { get; init; }

    /// <summary>A signed thinking block to answer with first: its text and signature.</summary>
    public (string Text, string Signature)? Thinking { get; init; }
}
