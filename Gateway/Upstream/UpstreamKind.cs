namespace Gateway.Upstream;

/// <summary>Which API an upstream speaks (setting <c>Upstream:Kind</c>, per fallback too). The pipeline's own form
/// is chat completions; an upstream of another kind is reached through its <see cref="Dialects.IUpstreamDialect"/>.</summary>
public enum UpstreamKind
{
    /// <summary>OpenAI-compatible chat completions (<c>POST {base}/chat/completions</c>): Ollama, vLLM, LM Studio... The default.</summary>
    Chat,

    /// <summary>OpenAI's Responses API (<c>POST {base}/responses</c>); such an upstream also serves chat completions.</summary>
    Responses,

    /// <summary>Anthropic's Messages API (<c>POST {base}/messages</c>, <c>x-api-key</c>, <c>anthropic-version</c>).</summary>
    Anthropic,
}
