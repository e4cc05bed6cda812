using System.Text.Json.Nodes;

namespace TestDoubles.OpenAI;

/// <summary>What the fake upstream does with one chat call: fail with a status, answer (plain or streamed, as the
/// request asks), or hang until the caller goes away.</summary>
public sealed record FakeReply
{
    /// <summary>Non-200 status to answer with (body in OpenAI's error shape).</summary>
    public int? FailStatus { get; init; }
    public string? RetryAfter { get; init; }
    /// <summary>Answer text; null uses the <c>[[reply:TEXT]]</c> marker of the last user message, else "ok".</summary>
    public string? Text { get; init; }
    /// <summary>A tool call to answer with instead of text.</summary>
    public (string Name, string Arguments)? ToolCall { get; init; }
    public TimeSpan DelayBeforeHeaders { get; init; }
    public TimeSpan DelayBetweenChunks { get; init; }
    public int ChunkSize { get; init; } = 3;
    /// <summary>Stream: send the first chunk, then wait until the client disconnects.</summary>
    public bool HangAfterFirstChunk { get; init; }
    /// <summary>Overrides the whole JSON answer of a plain call.</summary>
    public JsonObject? RawAnswer { get; init; }
    /// <summary>Writes the whole answer itself (status, headers, body): hostile or broken upstreams, exact SSE lines.</summary>
    public Func<Microsoft.AspNetCore.Http.HttpResponse, CancellationToken, Task>? Write { get; init; }
}
