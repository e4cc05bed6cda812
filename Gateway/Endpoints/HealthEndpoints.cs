using Gateway.Endpoints.Dtos;
using Gateway.Upstream;
using Memory.Stores;

namespace Gateway.Endpoints;

/// <summary><c>/healthz</c>: 200 while the process serves (status <c>degraded</c> names what runs in a fallback mode);
/// <c>/readyz</c>: 200 only when an upstream answers and the stores are open, else 503.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (IEnumerable<IDegradationReporter> reporters) =>
        {
            var checks = reporters.SelectMany(r => r.Degradations()).ToDictionary(d => d.Component, d => d.Reason);
            return Results.Json(new HealthResponse(checks.Count == 0 ? "ok" : "degraded", checks), ApiJsonContext.Default.HealthResponse);
        });
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, UpstreamClient upstreams, IServiceProvider services)
    {
        var checks = new Dictionary<string, string>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        cts.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var (response, upstream, failure) = await upstreams.GetAsync("models", cts.Token).ConfigureAwait(false);
            response?.Dispose();
            checks["upstream"] = failure is null ? $"ok ({upstream!.Name})" : $"failing: {failure.Kind} ({failure.Upstream})";
        }
        catch (OperationCanceledException)
        {
            checks["upstream"] = "failing: timeout";
        }

        if (services.GetService<IMemoryStore>() is { } store)
        {
            checks["memoryStore"] = await store.IsReadyAsync(cts.Token).ConfigureAwait(false) ? "ok" : "failing";
        }

        var ready = checks.Values.All(v => v.StartsWith("ok", StringComparison.Ordinal));
        return Results.Json(new HealthResponse(ready ? "ready" : "not_ready", checks), ApiJsonContext.Default.HealthResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>A component running in a fallback mode (e.g. the embedder fell back to <c>hash</c>) says so here.</summary>
public interface IDegradationReporter
{
    IEnumerable<(string Component, string Reason)> Degradations();
}
