using Gateway.Apis.Responses;
using Gateway.Auth;

namespace Gateway.Endpoints;

/// <summary>OpenAI's Responses API (<c>POST /v1/responses</c>), served through the chat pipeline.</summary>
public static class ResponsesEndpoints
{
    public static IEndpointRouteBuilder MapResponsesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/responses", (HttpContext http, ResponsesHandler handler) => handler.HandleAsync(http))
            .RequireScope(Scope.Chat);
        return app;
    }
}
