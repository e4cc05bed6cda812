namespace Gateway.Pipeline;

/// <summary>A streamed upstream answer: the SSE items as they arrive, wrapped by the stages on the way out.</summary>
internal sealed class StreamedAnswer(HttpResponseMessage upstream, IAsyncEnumerable<SseItem> items) : ChatAnswer
{
    public HttpResponseMessage Upstream { get; } = upstream;

    public IAsyncEnumerable<SseItem> Items { get; } = items;

    public override string Outcome => "ok";

    public StreamedAnswer With(IAsyncEnumerable<SseItem> items) => new(Upstream, items);

    public override void Dispose() => Upstream.Dispose();
}
