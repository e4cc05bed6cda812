using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Upstream;

namespace Gateway.Endpoints;

/// <summary>The OpenAI-compatible surface: chat completions, the model list and one model (GET, and HEAD without the body).</summary>
public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext http, ChatCompletionHandler handler) => handler.HandleAsync(http))
            .RequireScope(Scope.Chat);
        app.MapGetAndHead("/v1/models", (HttpContext http, UpstreamClient upstreams, UpstreamAnswerReader reader) =>
            PassThroughAsync(http, upstreams, reader, "models")).RequireScope(Scope.Chat);
        // What the OpenAI SDKs' models.retrieve asks: one model, as the upstream describes it (404 passed through).
        app.MapGetAndHead("/v1/models/{id}", (HttpContext http, string id, UpstreamClient upstreams, UpstreamAnswerReader reader) =>
            PassThroughAsync(http, upstreams, reader, "models/" + Uri.EscapeDataString(id))).RequireScope(Scope.Chat);
        return app;
    }

    /// <summary>The upstreams' answer to a GET of <paramref name="path"/> (the first that answers), passed through as
    /// the upstream sent it.</summary>
    private static async Task PassThroughAsync(HttpContext http, UpstreamClient upstreams, UpstreamAnswerReader reader, string path)
    {
        var (response, _, failure) = await upstreams.GetAsync(path, http.RequestAborted).ConfigureAwait(false);
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
