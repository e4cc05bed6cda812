using Memory.Cluster;

namespace Gateway.Hosting.Cluster;

/// <summary>Opens the request's <see cref="ClusterRequestScope"/>: a user's cluster state is read from Redis once per
/// request (one pipelined round trip) and reused by every stage that needs it.</summary>
internal sealed class ClusterRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        using (ClusterRequestScope.Begin())
        {
            await next(http).ConfigureAwait(false);
        }
    }
}
