using Gateway.Auth;
using Gateway.OpenAI;
using Gateway.Pipeline;
using Gateway.Prompts;
using Gateway.Upstream;

namespace Gateway.Endpoints;

/// <summary>The prompt engineers' API: list templates and their load status, preview exactly what a chat request
/// would send upstream (sending and storing nothing), and read per-variant statistics.</summary>
public static class PromptEndpoints
{
    /// <summary>Maps <c>GET /v1/prompts</c>, <c>POST /v1/prompts/preview</c> and <c>GET /v1/prompts/{name}/stats</c>
    /// (scope <c>chat</c>).</summary>
    public static IEndpointRouteBuilder MapPromptEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/v1/prompts");
        group.MapGetAndHead("", List).RequireScope(Scope.Chat);
        group.MapPost("/preview", PreviewAsync).RequireScope(Scope.Chat);
        group.MapGetAndHead("/{name}/stats", Stats).RequireScope(Scope.Chat);
        return app;
    }

    private static IResult List(PromptTemplateStore store) =>
        Results.Json(PromptApiMapper.List(store.Catalog), PromptJsonContext.Default.PromptListResponse);

    private static async Task<IResult> PreviewAsync(HttpContext http, IPromptAssembler assembler, InputGuardStage inputGuard, UpstreamUserIds upstreamUsers,
        CancellationToken cancellationToken)
    {
        var (request, error) = await ChatRequestReader.ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }

        // Exactly what would go upstream: the input guardrails redact (or block) first, as on the call, recording nothing.
        request.Context.IsPreview = true;
        if (await inputGuard.RunAsync(request, cancellationToken).ConfigureAwait(false) is { } blocked)
        {
            return blocked;
        }

        // The user fields as the call would send them (Upstream:ForwardUser); the templates' user_id stays the id the app sent.
        upstreamUsers.Apply(request);
        var prompt = await assembler.AssembleAsync(request, cancellationToken).ConfigureAwait(false);
        return Results.Json(PromptApiMapper.Preview(prompt, Gateway.Apis.Responses.Json.String(request.Body["user"])), PromptJsonContext.Default.PromptPreviewResponse);
    }

    private static IResult Stats(HttpContext http, string name, PromptTemplateStore store, IPromptStats stats)
    {
        var response = PromptApiMapper.Stats(name, store.Catalog.Find(name), stats.GetStats(http.GetCaller().Tenant, name));
        return response is null
            ? OpenAIError.NotFound($"No prompt template named '{name}'.")
            : Results.Json(response, PromptJsonContext.Default.PromptStatsResponse);
    }
}
