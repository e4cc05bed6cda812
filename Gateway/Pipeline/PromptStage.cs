using Gateway.Diagnostics;
using Gateway.Prompts;
using Memory;

namespace Gateway.Pipeline;

/// <summary>Memory injection stage: for a request with a user who has not withdrawn consent, the prompt assembler
/// renders the template with the user's relevant memories and the result replaces the forwarded messages.
/// A memory outage degrades to a plain proxy call rather than failing the app.</summary>
internal sealed class PromptStage(IPromptAssembler assembler, IMemoryService memory, GatewayMetrics metrics, ILogger<PromptStage> logger)
{
    public async Task RunAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Context.User is not { } user)
        {
            return;
        }

        try
        {
            request.Context.MemoryEnabled = await memory.GetConsentAsync(user, cancellationToken).ConfigureAwait(false);
            if (!request.Context.MemoryEnabled)
            {
                return;
            }

            var assembled = await assembler.AssembleAsync(request.Context, request.Messages, cancellationToken).ConfigureAwait(false);
            request.Body["messages"] = assembled.Messages;
            request.Context.TemplateName = assembled.TemplateName;
            request.Context.TemplateVersion = assembled.TemplateVersion;
            request.Context.Variant = assembled.Variant;
            request.Context.InjectedMemories = assembled.Memories;
            metrics.RecordInjected(assembled.Memories.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GatewayLog.MemoryUnavailable(logger, request.Context.RequestId, e);
        }
    }
}
