using Gateway.Apis.Responses;
using Gateway.Auth;
using Gateway.Diagnostics;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Hosting.Cluster;
using Gateway.Hosting.WarmUp;
using Gateway.Pipeline;
using Gateway.Prompts;
using Gateway.Upstream;
using Guardrails;
using Guardrails.Abstractions;
using Memory;
using Memory.Configuration;
using Memory.WriteBack;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using Memory.Probe;

namespace Gateway;

/// <summary>The composition root's two calls: <see cref="AddGateway"/> registers every part, <see cref="MapGateway"/>
/// puts the middleware in order and maps the endpoints.</summary>
public static class GatewayServiceCollectionExtensions
{
    private static readonly System.Text.UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://localhost:8080");
        }

        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The app enforces MaxRequestBytes (RequestBodyLimitMiddleware); the server reads up to this much so a client
            // still writing an oversized body gets the 413 rather than a closed connection.
            k.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.DrainBytes(limits.MaxRequestBytes);
            k.AddServerHeader = false;
            // A header value that is not UTF-8 is decoded with U+FFFD for the bad bytes instead of being refused by
            // the server with an empty 400: the gateway's own checks then answer in OpenAI's shape ("invalid_user").
            k.RequestHeaderEncodingSelector = static _ => LenientUtf8;
        });

        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = server.InlineScheduling);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<AppKeyRegistry>();
        services.AddRequestDecompression();
        services.AddUpstreams(configuration);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddGatewayRateLimiting(configuration);
        services.AddSingleton<GatewayMetrics>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddTelemetry(configuration);

        // Guardrails (checks, policies, audit log) first: the memory library's defaults (an allow-all memory
        // guard) only fill what is still missing.
        services.AddGatewayGuardrails(configuration);
        services.AddLibrarySettings();
        services.TryAddSingleton<Memory.Abstractions.IMemoryContentGuard, Pipeline.GuardrailMemoryContentGuard>();

        services.AddGatewayCluster(configuration);
        services.AddGatewayMemory(configuration);
        services.AddSingleton<IDegradationReporter, EmbedderHealth>();
        services.AddSingleton<IDegradationReporter, RetrievalHealth>();
        services.AddHostedService<RetrievalDeadlineMetrics>();
        services.AddGatewayPrompts(configuration);
        services.AddKeyedSingleton<IChatClient, UpstreamChatClient>(WriteBackServiceCollectionExtensions.ChatClientKey);
        services.AddMemoryWriteBack(configuration);
        services.AddSingleton<IUserErasureParticipant, WriteBackErasure>();
        services.AddSingleton<IUserErasureParticipant, AuditErasureParticipant>();
        services.AddHostedService<WarmUpService>();
        services.AddOptions<WarmUpOptions>().Bind(configuration.GetSection(WarmUpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WarmUpOptions>, WarmUpOptionsValidator>();
        services.AddSingleton<WarmUpGate>();
        services.AddHostedService<RequestPathWarmUp>();
        services.AddMemoryProbe();
        services.AddHostedService<MemoryProbeOnStartup>();

        // The request pipeline's stages (composed in order by ChatCompletionHandler).
        services.AddChatPipeline();
        services.AddResponsesApi();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<WarmUpMiddleware>();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ErrorShapingMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<RequestDecodingMiddleware>();
        app.UseGatewayCluster();
        app.UseRateLimiter();

        app.MapHealthEndpoints();
        app.MapChatEndpoints();
        app.MapResponsesEndpoints();
        app.MapMessagesEndpoints();
        app.MapMemoryEndpoints();
        app.MapUserEndpoints();
        app.MapPromptEndpoints();
        app.MapAuditEndpoints();
        app.MapAdminEndpoints();
        app.MapReviewPage();

        app.MapMethodFallback();

        var keys = app.Services.GetRequiredService<AppKeyRegistry>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway");
        if (!keys.Enabled)
        {
            GatewayLog.GatewayOpen(logger);
        }

        var upstreams = app.Services.GetRequiredService<UpstreamRegistry>();
        var memory = app.Services.GetRequiredService<IOptions<MemoryOptions>>().Value;
        GatewayLog.GatewayReady(logger, upstreams.All.Count, upstreams.All[0].Name, upstreams.All[0].IsEcho ? "echo" : "http",
            keys.Count, memory.Store, memory.Embedder);
        return app;
    }

    private static void AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = telemetry.OtlpEndpoint ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return; // Instruments still record through IMeterFactory; nothing is exported.
        }

        if (telemetry.OtlpEndpoint is not null && !Uri.IsWellFormedUriString(telemetry.OtlpEndpoint, UriKind.Absolute))
        {
            return; // TelemetryOptionsValidator stops startup naming Telemetry:OtlpEndpoint.
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName))
            .WithTracing(t => t.AddSource(GatewayMetrics.ActivitySource.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(GatewayMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation())
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
    }
}
