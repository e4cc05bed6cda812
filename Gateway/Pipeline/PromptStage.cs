using Gateway.Diagnostics;
using Gateway.Prompts;

namespace Gateway.Pipeline;

/// <summary>Memory injection stage: for a request with a user, the prompt assembler checks consent, renders the
/// template with the user's relevant memories and fills the request context (template, variant, injected
/// memories); the result replaces the forwarded messages. A memory outage degrades to a plain proxy call.</summary>
internal sealed class PromptStage(IPromptAssembler assembler, GatewayMetrics metrics, ILogger<PromptStage> logger) : IChatStage
{
    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, ChatStageDelegate next, CancellationToken cancellationToken)
    {
        await RunAsync(request, cancellationToken).ConfigureAwait(false);
        return await next(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task RunAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Context.User is null)
        {
            return;
        }

        try
        {
            var assembled = await assembler.AssembleAsync(request, cancellationToken).ConfigureAwait(false);
            if (assembled.IsPersonalized)
            {
                request.Body["messages"] = assembled.Messages;
                metrics.RecordInjected(assembled.Memories.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GatewayLog.MemoryUnavailable(logger, request.Context.RequestId, e);
        }
    }
}
