using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Auth;
using Gateway.Diagnostics;
using Gateway.OpenAI;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.Hosting;

/// <summary>ASP.NET Core's rate limiter partitioned per app key (token bucket); rejections answer 429 in OpenAI's
/// shape with <c>Retry-After</c>.</summary>
internal static class RateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || WarmUp.WarmUpScope.IsActive)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var caller = http.GetCaller();
                var open = caller.KeyId is null;
                var rpm = open
                    ? options.OpenRequestsPerMinute
                    : http.Items.TryGetValue(ApiKeyMiddleware.RateLimitItem, out var own) && own is int perKey ? perKey : options.RequestsPerMinute;
                if (rpm <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var partition = open ? "open:" + http.Connection.RemoteIpAddress : "key:" + caller.KeyId;
                // The refill is exactly rpm a minute: whole tokens each period, the period stretched to fit (6 a minute
                // is one every 10 s, 90 one every 0.67 s; rounding a second's share up let a 6-a-minute key make 60).
                var perPeriod = Math.Max(1, rpm / 60);
                var bucket = new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, (int)Math.Ceiling(rpm / 60.0 * options.BurstSeconds)),
                    TokensPerPeriod = perPeriod,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 * perPeriod / rpm),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                };

                // In a cluster (Cluster:Redis) the bucket is shared by every replica, with a local one while Redis is down.
                return http.RequestServices.GetService<Cluster.ClusterRateLimits>() is { } shared
                    ? shared.Partition(partition, bucket)
                    : RateLimitPartition.GetTokenBucketLimiter(partition, _ => bucket);
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var ra) ? ra : TimeSpan.FromSeconds(1);
                ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var logger = ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.RateLimit");
                GatewayLog.RateLimited(logger, ctx.HttpContext.GetCaller().KeyId ?? "open");
                await OpenAIError.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Rate limit reached for this key; retry after the time in Retry-After.", "rate_limit_error", "rate_limit_exceeded").ConfigureAwait(false);
            };
        });
        return services;
    }
}
