using Gateway.Apis.Messages;
using Gateway.Auth;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>The Anthropic-compatible surface: <c>POST /v1/messages</c>, through the same pipeline as chat.</summary>
public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessagesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(MessagesErrors.Path, (HttpContext http, ChatCompletionHandler pipeline) => MessagesHandler.HandleAsync(http, pipeline))
            .RequireScope(Scope.Chat);
        return app;
    }
}
