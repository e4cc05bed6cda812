using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Gateway.Prompts;

namespace Gateway.Apis.Messages;

/// <summary><c>POST /v1/messages/count_tokens</c> (Anthropic's token counting): the tokens of the prompt the gateway
/// would send for this Messages body, the end user's injected memory included, as <c>{"input_tokens": N}</c>. The
/// prompt is assembled as <c>/v1/prompts/preview</c> assembles it, after the input guardrails (nothing is sent
/// upstream, nothing is stored or audited, no turn is recorded), and counted with the tokenizer the gateway budgets the
/// context window with, tools included: an estimate for Claude models, whose tokenizer is not public, but the same
/// figure the gateway fits memory by.</summary>
internal static class MessagesTokenCounter
{
    public const string Path = MessagesErrors.Path + "/count_tokens";

    public static async Task HandleAsync(HttpContext http, IPromptAssembler assembler, ContextWindowBudget window, InputGuardStage inputGuard)
    {
        if (await MessagesHandler.ReadAsync(http, counting: true).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        // As for the call and its preview: the input guardrails redact (or block) first, recording nothing, so the retrieval
        // query embedded for the user (by an embeddings API, when the embedder is not in this process) is the checked text.
        request.Context.IsPreview = true;
        if (await inputGuard.RunAsync(request, http.RequestAborted).ConfigureAwait(false) is { } blocked)
        {
            await blocked.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var prompt = await assembler.AssembleAsync(request, http.RequestAborted).ConfigureAwait(false);
        var tokens = prompt.PromptTokens + window.CountTools(request.Body, request.Context.Model);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["input_tokens"] = tokens });
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
