using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Upstream;

namespace Gateway.Endpoints;

/// <summary>The OpenAI-compatible surface: chat completions and models.</summary>
public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext http, ChatCompletionHandler handler) => handler.HandleAsync(http))
            .RequireScope(Scope.Chat);
        app.MapGet("/v1/models", ModelsAsync).RequireScope(Scope.Chat);
        return app;
    }

    /// <summary>The upstreams' models (the first that answers), passed through as the upstream sent them.</summary>
    private static async Task ModelsAsync(HttpContext http, UpstreamClient upstreams, UpstreamAnswerReader reader)
    {
        var (response, _, failure) = await upstreams.GetAsync("models", http.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            await UpstreamFailureResults.ToResult(failure, http).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            var (bytes, cut) = await reader.ReadBodyAsync(response!, http.RequestAborted).ConfigureAwait(false);
            if (cut is not null)
            {
                await UpstreamFailureResults.ToResult(cut).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            await ChatAnswerWriter.WritePlainAsync(http, response!, bytes!).ConfigureAwait(false);
        }
    }
}
