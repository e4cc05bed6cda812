namespace Gateway.Pipeline;

/// <summary>What one line of a relayed SSE stream is.</summary>
internal enum SseItemKind
{
    /// <summary>An empty line (the end of an event).</summary>
    Blank,
    /// <summary><c>data:</c> with a JSON object.</summary>
    Data,
    /// <summary>Any other line (<c>data:</c> that is not JSON, <c>event:</c>, a comment): guarded as text.</summary>
    Text,
    /// <summary><c>data: [DONE]</c>.</summary>
    Done,
    /// <summary>The answer ended with an error (a limit, a stall, a broken upstream): an error event, then [DONE].</summary>
    Error,
}
