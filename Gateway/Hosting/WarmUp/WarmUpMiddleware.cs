using Gateway.Auth;

namespace Gateway.Hosting.WarmUp;

/// <summary>First in the pipeline. While the warm-up runs, a request carrying this process's token is either a
/// warm-up call (it runs as the warm-up caller inside <see cref="WarmUpScope"/>) or the built-in upstream's side of
/// one (<see cref="WarmUpGate.UpstreamPath"/>, answered by <see cref="WarmUpUpstream"/>). Everything else, and everything after
/// the warm-up, passes through untouched.</summary>
internal sealed class WarmUpMiddleware(RequestDelegate next, WarmUpGate gate)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (gate.Finished)
        {
            return next(context);
        }

        var request = context.Request;
        if (request.Path.StartsWithSegments(WarmUpGate.UpstreamPath, StringComparison.Ordinal, out var rest))
        {
            const string bearer = "Bearer ";
            var authorization = request.Headers.Authorization.ToString();
            return authorization.StartsWith(bearer, StringComparison.Ordinal) && gate.Admits(authorization.AsSpan(bearer.Length))
                ? WarmUpUpstream.AnswerAsync(context, rest)
                : next(context);
        }

        return request.Headers.TryGetValue(WarmUpGate.Header, out var token) && gate.Admits(token.ToString())
            ? RunAsWarmUpAsync(context)
            : next(context);
    }

    /// <summary>Async, so the scope it enters ends with the call and never leaks into the connection's next request.</summary>
    private async Task RunAsWarmUpAsync(HttpContext context)
    {
        WarmUpScope.Enter();
        context.SetCaller(gate.Caller);
        await next(context).ConfigureAwait(false);
    }
}
