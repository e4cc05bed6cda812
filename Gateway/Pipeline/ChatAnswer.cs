namespace Gateway.Pipeline;

/// <summary>What the pipeline answers a chat request with: a refusal (status and error body), a plain answer, or
/// a stream of SSE items. Owns the upstream response it came from.</summary>
internal abstract class ChatAnswer : IDisposable
{
    /// <summary>The metrics outcome (<c>ok</c>, <c>blocked</c>, <c>upstream_timeout</c>...).</summary>
    public abstract string Outcome { get; }

    public virtual void Dispose()
    {
    }
}
