using Gateway.Endpoints;
using Guardrails.Audit;
using Memory.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.Cluster;

/// <summary>The gateway's cluster wiring (<c>Cluster:Redis</c>): the memory library's cluster parts, the health
/// report, shared audit excerpt keys and the per-request scope. Without the setting nothing is added but the
/// local defaults.</summary>
internal static class ClusterHosting
{
    public static bool IsClustered(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{ClusterOptions.Section}:{nameof(ClusterOptions.Redis)}"]);

    public static IServiceCollection AddGatewayCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCluster(configuration);
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterGuardrailsValidator>();
        if (IsClustered(configuration))
        {
            services.AddSingleton<IDegradationReporter, ClusterHealth>();
            services.TryAddSingleton<ISharedAuditKeys, RedisAuditKeys>();
            services.TryAddSingleton<ClusterRateLimits>();
            services.TryAddSingleton<Prompts.IPromptStats, ClusterPromptStats>();
        }

        return services;
    }

    public static WebApplication UseGatewayCluster(this WebApplication app)
    {
        if (IsClustered(app.Configuration))
        {
            app.UseMiddleware<ClusterRequestMiddleware>();
        }

        return app;
    }
}
