using Gateway.Endpoints.Dtos;
using Gateway.Hosting.WarmUp;
using Gateway.Upstream;
using Memory.Stores;

namespace Gateway.Endpoints;

/// <summary><c>/healthz</c>: 200 while the process serves (status <c>degraded</c> names what runs in a fallback mode),
/// 503 <c>starting</c> during the request-path warm-up; <c>/readyz</c>: 200 only when the warm-up is over, an
/// upstream answers and the stores are open, else 503. Both answer HEAD too, without the body.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/healthz", (IEnumerable<IDegradationReporter> reporters, WarmUpGate warmUp) =>
        {
            if (!warmUp.Finished)
            {
                return Starting;
            }

            var checks = reporters.SelectMany(r => r.Degradations()).ToDictionary(d => d.Component, d => d.Reason);
            return Results.Json(new HealthResponse(checks.Count == 0 ? "ok" : "degraded", checks), ApiJsonContext.Default.HealthResponse);
        });
        app.MapGetAndHead("/readyz", ReadyAsync);
        return app;
    }

    /// <summary>While the request-path warm-up runs (a few seconds after start): 503, so probes and load balancers
    /// send traffic once the hot paths are compiled.</summary>
    private static IResult Starting { get; } = Results.Json(
        new HealthResponse("starting", new Dictionary<string, string> { ["warmUp"] = "running" }), ApiJsonContext.Default.HealthResponse,
        statusCode: StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> ReadyAsync(HttpContext http, UpstreamClient upstreams, WarmUpGate warmUp, IServiceProvider services)
    {
        if (!warmUp.Finished)
        {
            return Starting;
        }

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
