using System.Net;
using Gateway.Upstream.Dialects;
using Memory.WriteBack;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Gateway.Upstream;

/// <summary>Registers the upstreams: one named HttpClient per upstream with its own resilience pipeline
/// (attempt timeout, jittered retries on connect errors, 429 and 5xx (<see cref="UpstreamRetries"/>), circuit
/// breaker on connect errors, timeouts and 5xx), and a second one for the gateway's own write-back LLM calls to
/// that upstream (<see cref="UpstreamEndpoint.WriteBackHttpClientName"/>).</summary>
public static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddUpstreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
        services.AddSingleton<UpstreamRegistry>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<IUpstreamDialect, ChatDialect>();
        services.AddSingleton<IUpstreamDialect, ResponsesDialect>();
        services.AddSingleton<IUpstreamDialect, AnthropicDialect>();
        services.AddSingleton<UpstreamDialects>();
        services.AddSingleton<UpstreamUserIds>();

        // The clients are named after the configured upstreams, so bind once here to know them.
        var primary = configuration.GetSection(UpstreamOptions.Section).Get<UpstreamOptions>() ?? new UpstreamOptions();
        foreach (var upstream in new[] { primary }.Concat(primary.Fallbacks).Select((o, i) => new UpstreamEndpoint(o, i)))
        {
            services.AddUpstreamClient(upstream);
        }

        // The warm-up's built-in upstream (its address is known once the server listens): the same handler and
        // resilience pipeline as a configured one, so the warm-up compiles what real calls run.
        services.AddUpstreamClient(WarmUpEndpoint(new Uri("http://127.0.0.1/"), null));
        return services;
    }

    /// <summary>The upstream warm-up calls go to: the gateway's own built-in upstream at <paramref name="baseUrl"/>,
    /// which answers only calls bearing <paramref name="key"/>; never retried.</summary>
    internal static UpstreamEndpoint WarmUpEndpoint(Uri baseUrl, string? key) => new(new UpstreamOptions
    {
        Name = "~warm-up",
        BaseUrl = baseUrl.ToString(),
        ApiKey = key,
        TimeoutSeconds = 30,
        MaxRetries = 0,
    }, 0);

    private static void AddUpstreamClient(this IServiceCollection services, UpstreamEndpoint upstream)
    {
        var appTimeout = TimeSpan.FromSeconds(upstream.Options.TimeoutSeconds);
        services.AddUpstreamClient(upstream, upstream.HttpClientName, "upstream", _ => appTimeout);

        // The write-back's own LLM calls: the same retries, with a breaker of their own and a shorter attempt timeout,
        // so a slow upstream costs a turn at most that long, and neither traffic's failures open the other's breaker.
        services.AddUpstreamClient(upstream, upstream.WriteBackHttpClientName, "writeback",
            sp => sp.GetRequiredService<IOptions<WriteBackOptions>>().Value.LlmTimeout);
    }

    private static void AddUpstreamClient(this IServiceCollection services, UpstreamEndpoint upstream, string clientName, string pipelineName,
        Func<IServiceProvider, TimeSpan> attemptTimeout)
    {
        var o = upstream.Options;
        services.AddHttpClient(clientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => upstream.IsEcho
                ? new EchoUpstreamHandler(sp.GetRequiredService<TimeProvider>())
                : new SocketsHttpHandler
                {
                    ConnectTimeout = Min(TimeSpan.FromSeconds(10), attemptTimeout(sp)),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    // An answer the upstream compressed is read decompressed: the guardrails must see its text.
                    AutomaticDecompression = DecompressionMethods.All,
                    // A redirect is the upstream's answer (a 502 naming it), never followed: following one would
                    // send the personalized prompt to wherever the Location points.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                })
            .RemoveAllLoggers()
            .AddResilienceHandler(pipelineName, (builder, context) => builder
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
                    ShouldHandle = o.MaxRetries == 0
                        ? static _ => ValueTask.FromResult(false)
                        : static args => ValueTask.FromResult(UpstreamRetries.ShouldRetry(args.Outcome)),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(o.RetryBaseDelaySeconds),
                    MaxDelay = UpstreamRetries.MaxDelay,
                    ShouldRetryAfterHeader = true,
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    ShouldHandle = static args => ValueTask.FromResult(UpstreamRetries.IsFailure(args.Outcome)),
                    FailureRatio = o.BreakerFailureRatio,
                    MinimumThroughput = o.BreakerMinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(o.BreakerSamplingSeconds),
                    BreakDuration = TimeSpan.FromSeconds(o.BreakDurationSeconds),
                })
                .AddTimeout(attemptTimeout(context.ServiceProvider)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
