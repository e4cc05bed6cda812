using Memory.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Cluster;

/// <summary>Registers the cluster parts of the memory library. Without <c>Cluster:Redis</c> only the local generation
/// (a constant stamp) is added, and everything behaves as one process; with it, call this before
/// <c>AddGatewayMemory</c> so the cluster's erasure tombstones take the place of the process-local ones.</summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddMemoryCluster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ClusterOptions.Section);
        services.AddOptions<ClusterOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        if (string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Redis)]))
        {
            services.TryAddSingleton<IUserGenerations, LocalUserGenerations>();
            services.TryAddSingleton<IUserWriteLeases, LocalUserWriteLeases>();
            return services;
        }

        services.TryAddSingleton<RedisConnection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RedisConnectOnStart>());
        services.TryAddSingleton(sp => new RedisUserState(
            sp.GetRequiredService<RedisConnection>(), TombstoneStore(sp), sp.GetRequiredService<ILogger<RedisUserState>>()));
        services.TryAddSingleton<IUserGenerations>(sp => sp.GetRequiredService<RedisUserState>());
        services.TryAddSingleton<IUserWriteLeases, RedisUserWriteLeases>();
        services.TryAddSingleton<IErasureTombstones>(sp => new ClusterErasureTombstones(
            sp.GetRequiredService<RedisUserState>(), TombstoneStore(sp), sp.GetRequiredService<IUserWriteLeases>(),
            sp.GetRequiredService<ILogger<ClusterErasureTombstones>>()));
        return services;
    }

    private static IErasureTombstoneStore TombstoneStore(IServiceProvider services) =>
        services.GetRequiredService<IMemoryStore>() as IErasureTombstoneStore
        ?? throw new InvalidOperationException("A cluster needs a memory store that keeps erasure tombstones (Memory:Store=qdrant).");
}
