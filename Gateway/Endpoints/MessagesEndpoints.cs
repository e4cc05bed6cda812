using Gateway.Apis.Messages;
using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Prompts;

namespace Gateway.Endpoints;

/// <summary>The Anthropic-compatible surface: <c>POST /v1/messages</c>, through the same pipeline as chat, and
/// <c>POST /v1/messages/count_tokens</c>, the tokens of the prompt that call would send.</summary>
public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessagesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(MessagesErrors.Path, (HttpContext http, ChatCompletionHandler pipeline) => MessagesHandler.HandleAsync(http, pipeline))
            .RequireScope(Scope.Chat);
        app.MapPost(MessagesTokenCounter.Path, (HttpContext http, IPromptAssembler assembler, ContextWindowBudget window, InputGuardStage inputGuard) =>
                MessagesTokenCounter.HandleAsync(http, assembler, window, inputGuard))
            .RequireScope(Scope.Chat);
        return app;
    }
}
