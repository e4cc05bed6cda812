namespace Gateway.Pipeline;

/// <summary>The rest of the chat pipeline after a stage: forwards <paramref name="request"/> and returns the answer.</summary>
internal delegate Task<ChatAnswer> ChatStageDelegate(ChatRequest request, CancellationToken cancellationToken);

/// <summary>One stage of the chat request path (input guard, memory injection, write-back, output guard): does
/// its part on the way in, calls <paramref name="next"/>, and may wrap the answer on the way out. Composed in
/// order by <see cref="ChatCompletionHandler"/>.</summary>
internal interface IChatStage
{
    Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken);
}
